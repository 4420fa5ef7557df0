// Events about LOKET itself rather than messages to it: the App Home tab being opened, and LOKET being
// uninstalled or losing its tokens. Registered next to the message listeners (slack-listeners.ts).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Installations, WorkspaceRemoval } from '../../handlers/core/installations.js';
import type { OAuthInstallations } from '../../handlers/core/oauth-installations.js';
import type { PeopleNames } from '../../handlers/core/people-names.js';
import type { RunForPerson } from '../../handlers/core/run-for-person.js';
import { home } from '../../handlers/programme/home.js';
import { guarded, type GuardDeps } from './guard.js';
import { installKeyOf } from './installation-store.js';
import { directoryName } from './name-refresher.js';
import { renderHomeView } from './render-home.js';

type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type UninstalledArgs = SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs;
type RevokedArgs = SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs;
type UserChangeArgs = SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs;

export interface LifecycleDeps extends GuardDeps {
  /** Removal, the same core path as Teams takes: the tokens go, the workspace's digests stop, and every
   *  programme record stays (docs/architecture.md "Data rules"). */
  installations: Installations;
  /** The stored tokens, for revoking people's user tokens. */
  oauthInstallations: OAuthInstallations;
  runForPerson: RunForPerson;
  /** Where a user_change event's new name goes. */
  names: PeopleNames;
}

// Nobody to apologise to: these events have no conversation; the guard's log line is what remains.
const nobody = async () => undefined;

export function registerLifecycleListeners(app: App, deps: LifecycleDeps): void {
  app.event('app_home_opened', guarded<HomeArgs>(deps, {
    handler: 'slack.home',
    who: ({ body, event }) => ({ team: body.team_id, user: event.user }),
    run: async ({ body, event, client }) => {
      // The Messages tab opens this event too; only the Home tab shows a view.
      if (event.tab !== 'home') return;
      const workspaceId = body.team_id || body.enterprise_id || '';
      const outcome = await deps.runForPerson({ platform: 'slack', workspaceId, userId: event.user }, home, 'home');
      if (outcome.kind !== 'reply') return;
      await client.views.publish({ user_id: event.user, view: renderHomeView(outcome.reply) });
    },
    notify: nobody,
  }));

  app.event('app_uninstalled', guarded<UninstalledArgs>(deps, {
    handler: 'slack.uninstalled',
    who: ({ body }) => ({ team: body.team_id || body.enterprise_id }),
    run: async ({ body }) => {
      const result = await deps.installations.removed(workspaceRemoval(installationOf(body), body.event_id, 'app_uninstalled'));
      if (!result.duplicate) deps.logger.info({ platform: 'slack', team: body.team_id, enterprise: body.enterprise_id, ...counts(result) }, 'LOKET was uninstalled from a Slack workspace');
    },
    notify: nobody,
  }));

  app.event('tokens_revoked', guarded<RevokedArgs>(deps, {
    handler: 'slack.tokens_revoked',
    who: ({ body }) => ({ team: body.team_id || body.enterprise_id }),
    run: async ({ body, event }) => {
      const where = installationOf(body);
      const users = event.tokens.oauth ?? [];
      if (users.length) await deps.oauthInstallations.removeUserTokens(installKeyOf(where), users);
      // Without its bot token LOKET cannot act in the workspace at all: the same as an uninstall.
      if ((event.tokens.bot ?? []).length) {
        const result = await deps.installations.removed(workspaceRemoval(where, body.event_id, 'tokens_revoked'));
        if (!result.duplicate) deps.logger.info({ platform: 'slack', team: body.team_id, enterprise: body.enterprise_id, ...counts(result) }, 'LOKET bot token revoked in a Slack workspace');
      }
    },
    notify: nobody,
  }));

  // Someone changed their profile: the name LOKET shows follows (users:read).
  app.event('user_change', guarded<UserChangeArgs>(deps, {
    handler: 'slack.user_change',
    who: ({ body, event }) => ({ team: body.team_id, user: event.user?.id }),
    run: async ({ event }) => {
      const user = event.user as Parameters<typeof directoryName>[0] & { id?: unknown; is_bot?: boolean };
      const name = directoryName(user);
      if (typeof user?.id !== 'string' || !name || user.is_bot) return;
      await deps.names.update('slack', [{ userId: user.id, name }]);
    },
    notify: nobody,
  }));
}

// An org-wide install's app_uninstalled and tokens_revoked carry the enterprise id and neither a team id
// nor authorizations (test/fixtures/slack/app-uninstalled-enterprise.json): that is the org-wide install.
function installationOf(body: { team_id?: string; enterprise_id?: string; authorizations?: { is_enterprise_install?: boolean }[]; is_ext_shared_channel?: boolean }) {
  const teamId = body.team_id || undefined;
  const enterpriseId = body.enterprise_id || undefined;
  return {
    teamId,
    enterpriseId,
    isEnterpriseInstall: Boolean(body.authorizations?.[0]?.is_enterprise_install ?? (!teamId && enterpriseId)),
  };
}

type SlackInstallation = ReturnType<typeof installationOf>;

/** The whole workspace goes (or, for an org-wide install, the organisation's tokens). */
function workspaceRemoval(where: SlackInstallation, eventId: string, event: WorkspaceRemoval['event']): WorkspaceRemoval {
  return {
    platform: 'slack',
    installKey: installKeyOf(where),
    ...(!where.isEnterpriseInstall && where.teamId ? { workspaceExternalId: where.teamId } : {}),
    ...(where.isEnterpriseInstall && where.enterpriseId ? { enterpriseId: where.enterpriseId } : {}),
    eventId,
    event,
  };
}

function counts(result: { tokensRemoved: number; digests: number }) {
  return { duplicate: false, tokensRemoved: result.tokensRemoved, digestsStopped: result.digests };
}
