// Events about LOKET itself rather than messages to it: the App Home tab being opened, and LOKET being
// uninstalled or losing its tokens. Registered next to the message listeners (slack-listeners.ts).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../handlers/core/context.js';
import type { RunForPerson } from '../../handlers/core/run-for-person.js';
import { home } from '../../handlers/programme/home.js';
import { guarded, type GuardDeps } from './guard.js';
import { renderHomeView } from './render-home.js';
import { removeSlackWorkspace, revokeSlackUserTokens } from './workspace-removal.js';

type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type UninstalledArgs = SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs;
type RevokedArgs = SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs;

export interface LifecycleDeps extends GuardDeps {
  db: Database;
  clock: Clock;
  runForPerson: RunForPerson;
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
    who: ({ body }) => ({ team: body.team_id }),
    run: async ({ body }) => {
      const result = await removeSlackWorkspace(deps, { ...installationOf(body), eventId: body.event_id, reason: 'app_uninstalled' });
      if (!result.duplicate) deps.logger.info({ platform: 'slack', team: body.team_id, enterprise: body.enterprise_id, ...result }, 'LOKET was uninstalled from a Slack workspace');
    },
    notify: nobody,
  }));

  app.event('tokens_revoked', guarded<RevokedArgs>(deps, {
    handler: 'slack.tokens_revoked',
    who: ({ body }) => ({ team: body.team_id }),
    run: async ({ body, event }) => {
      const where = installationOf(body);
      const users = event.tokens.oauth ?? [];
      if (users.length) await revokeSlackUserTokens(deps, { ...where, userIds: users });
      // Without its bot token LOKET cannot act in the workspace at all: the same as an uninstall.
      if ((event.tokens.bot ?? []).length) {
        const result = await removeSlackWorkspace(deps, { ...where, eventId: body.event_id, reason: 'tokens_revoked' });
        if (!result.duplicate) deps.logger.info({ platform: 'slack', team: body.team_id, ...result }, 'LOKET bot token revoked in a Slack workspace');
      }
    },
    notify: nobody,
  }));
}

function installationOf(body: { team_id: string; enterprise_id?: string; authorizations?: { is_enterprise_install?: boolean }[]; is_ext_shared_channel?: boolean }) {
  return {
    teamId: body.team_id || undefined,
    enterpriseId: body.enterprise_id || undefined,
    isEnterpriseInstall: Boolean(body.authorizations?.[0]?.is_enterprise_install),
  };
}
