// Multi-workspace install with Bolt's own installer: GET /slack/install sets a state cookie and sends the
// browser to Slack; GET /slack/oauth_redirect checks cookie and state, exchanges the code (oauth.v2.access),
// stores the installation in Postgres, then connects the workspace as its first message would.
import type { ServerResponse } from 'node:http';
import type { CallbackOptions, Installation } from '@slack/oauth';
import type { ExpressReceiverOptions, webApi } from '@slack/bolt';
import type { ConnectWorkspace } from '../../handlers/core/run-for-person.js';
import type { Language } from '../../handlers/core/incoming.js';
import { t } from '../../handlers/i18n/index.js';
import type { Logger } from '../logger.js';
import type { PostgresInstallationStore } from './installation-store.js';
import { slackBotScopes } from './slack-scopes.js';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthInstallDeps {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: PostgresInstallationStore;
  connect: ConnectWorkspace;
  clientOptions: webApi.WebClientOptions;
  language: Language;
  logger: Logger;
}

/** The ExpressReceiver options that turn the installer on. */
export function oauthReceiverOptions(deps: OAuthInstallDeps): Partial<ExpressReceiverOptions> {
  return {
    clientId: deps.clientId,
    clientSecret: deps.clientSecret,
    stateSecret: deps.stateSecret,
    installationStore: deps.store,
    scopes: slackBotScopes(),
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // Straight to Slack's consent screen: LOKET has nothing to say before it.
      directInstall: true,
      // The state travels in a signed cookie too, so a link forwarded to someone else cannot complete.
      stateVerification: true,
      clientOptions: deps.clientOptions,
      callbackOptions: installCallbacks(deps),
    },
  };
}

function installCallbacks(deps: OAuthInstallDeps): CallbackOptions {
  return {
    successAsync: async (installation, _options, _req, res) => {
      const team = installation.team?.name ?? installation.enterprise?.name ?? installation.team?.id ?? '';
      deps.logger.info({ platform: 'slack', team: installation.team?.id, enterprise: installation.enterprise?.id, enterpriseInstall: Boolean(installation.isEnterpriseInstall) }, 'Slack installation stored');
      if (installation.isEnterpriseInstall || !installation.team?.id) return page(res, 200, t(deps.language, 'install.title'), t(deps.language, 'install.enterprise', { team }));
      const { programmeName } = await deps.connect('slack', installation.team.id, detailOf(installation));
      const text = programmeName === undefined ? t(deps.language, 'install.not_connected', { team }) : t(deps.language, 'install.connected', { team, programme: programmeName });
      page(res, 200, t(deps.language, 'install.title'), text);
    },
    failure: (error, _options, _req, res) => {
      deps.logger.warn({ platform: 'slack', code: error.code, reason: error.message }, 'Slack installation failed');
      page(res, 400, t(deps.language, 'install.failed_title'), t(deps.language, 'install.failed', { code: error.code }));
    },
  };
}

function detailOf(installation: Installation): Record<string, unknown> {
  return { installedBy: installation.user.id, enterpriseId: installation.enterprise?.id, scopes: installation.bot?.scopes };
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`
    + `<body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
