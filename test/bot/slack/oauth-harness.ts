// Boundary harness for Slack's OAuth mode: the adapter with Bolt's installer on 127.0.0.1, the real core on
// a fresh migrated database (so "the first workspace" means something), and the fake Slack Web API, which
// answers oauth.v2.access from grants the test sets up and accepts only the tokens it issued.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { registerSlack, type SlackAdapter } from '../../../bot/slack/slack-adapter.js';
import { slackBotScopes } from '../../../bot/slack/slack-scopes.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { systemClock, type CoreSettings } from '../../../handlers/core/context.js';
import type { SecretKeys } from '../../../handlers/core/key-ring.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { createInbox, type Inbox } from '../../../handlers/core/inbox.js';
import type { ProcessIncoming } from '../../../handlers/core/incoming.js';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, slashCommandBody, startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { openFreshDatabase } from '../../support/test-database.js';
import { postSigned, shownText, SIGNING_SECRET } from './slack-harness.js';
import { capturingLogger } from '../../support/capturing-logger.js';

export const SECRET_KEY = 'a-test-secret-key-of-32-characters-or-more';
export const CLIENT_SECRET = 'f00dfacecafe1234beef5678deadbeef';
export const STATE_SECRET = 'state-secret-for-the-install-cookie';

export interface OAuthHarness {
  baseUrl: string;
  fake: FakeSlackApi;
  database: OpenedDatabase;
  adapter: SlackAdapter;
  logs: Record<string, unknown>[];
  core: ProcessIncoming;
  /** With `withInbox`: the inbox the adapter stores slash commands in. */
  inbox?: Inbox;
  /** Runs /slack/install → Slack → /slack/oauth_redirect for a workspace; returns the page LOKET showed. */
  install(grant: Grant): Promise<{ status: number; html: string }>;
  slash(teamId: string, userId: string, text: string): Promise<Response>;
  /** A slash command, waiting for LOKET's answer at its response_url; returns the text Slack would show. */
  command(teamId: string, userId: string, text: string, id?: string): Promise<string>;
  /** A signed Events API callback from a workspace. */
  event(teamId: string, event: Record<string, unknown>, envelope?: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export interface Grant {
  teamId: string;
  teamName?: string;
  botToken: string;
  installerId?: string;
  /** A user token for the installer (LOKET asks for no user scopes; Slack may still grant one). */
  userToken?: string;
  /** Token rotation: the grant carries a refresh token and a lifetime in seconds. */
  refreshToken?: string;
  expiresIn?: number;
  enterpriseId?: string;
  enterpriseInstall?: boolean;
}

export async function startOAuthHarness(options: { admins?: CoreSettings['admins']; withInbox?: boolean; /** Another instance's database (left open on close). */ database?: OpenedDatabase; secretKey?: SecretKeys; fake?: FakeSlackApi } = {}): Promise<OAuthHarness> {
  const fake = options.fake ?? (await startFakeSlackApi());
  const database = options.database ?? (await openFreshDatabase());
  const settings: CoreSettings = { timezone: 'Europe/Stockholm', defaultLanguage: 'sv', admins: options.admins ?? [], defaultProgrammeName: 'Norrbottens klusterprogram' };
  const { logger, logs } = capturingLogger();
  const core = createLoketCore({ db: database.db, clock: systemClock, logger, settings });
  const expressApp = express();
  const config = { mode: 'oauth' as const, signingSecret: SIGNING_SECRET, clientId: '1111.2222', clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET, apiUrl: fake.url };
  // As a server runs it: commands stored in the inbox before they are acknowledged.
  const inbox = options.withInbox ? createInbox({ db: database.db, clock: systemClock, logger }) : undefined;
  const adapter = await registerSlack({ expressApp, config, core, logger, db: database.db, clock: systemClock, settings, secretKey: options.secretKey ?? SECRET_KEY, ...(inbox ? { inbox } : {}) });
  const server = await new Promise<Server>((resolve) => {
    const s = expressApp.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl, fake, database, adapter, logs, core, ...(inbox ? { inbox } : {}),
    install: (grant) => install(baseUrl, fake, grant),
    slash: (teamId, userId, text) =>
      postSigned(`${baseUrl}/slack/events`, slashCommandBody({ team_id: teamId, user_id: userId, text, trigger_id: `trig-${randomUUID()}`, response_url: fake.responseUrl(randomUUID()) }), { contentType: FORM_CONTENT_TYPE }),
    async command(teamId, userId, text, id = randomUUID()) {
      const body = slashCommandBody({ team_id: teamId, user_id: userId, text, trigger_id: `trig-${id}`, response_url: fake.responseUrl(id) });
      const response = await postSigned(`${baseUrl}/slack/events`, body, { contentType: FORM_CONTENT_TYPE });
      if (response.status !== 200) throw new Error(`slash command answered ${response.status}`);
      const answer = await fake.waitFor((s) => s.responses.find((r) => r.id === id), 10_000);
      return shownText(answer.body);
    },
    event: (teamId, event, envelope = {}) =>
      postSigned(`${baseUrl}/slack/events`, JSON.stringify({
        token: 'legacy-verification-token', team_id: teamId, api_app_id: 'A0LOKETAPP', type: 'event_callback',
        event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12)}`, event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: 'U0LOKETBOT', is_bot: true, is_enterprise_install: false }],
        ...envelope, event,
      }), { contentType: JSON_CONTENT_TYPE }),
    async close() {
      await adapter.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (!options.fake) await fake.close();
      if (!options.database) await database.close();
    },
  };
}

/** The browser's part: follow /slack/install to Slack (not followed: it is slack.com), come back with a code. */
export async function startInstall(baseUrl: string): Promise<{ location: URL; cookie: string; state: string }> {
  const response = await fetch(`${baseUrl}/slack/install`, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { location, cookie, state: location.searchParams.get('state') ?? '' };
}

async function install(baseUrl: string, fake: FakeSlackApi, grant: Grant) {
  const { cookie, state } = await startInstall(baseUrl);
  const code = `code-${randomUUID()}`;
  fake.acceptedTokens.add(grant.botToken);
  if (grant.userToken) fake.acceptedTokens.add(grant.userToken);
  fake.oauthGrants.set(code, grantResponse(grant));
  const response = await fetch(`${baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  return { status: response.status, html: await response.text() };
}

export function grantResponse(grant: Grant): Record<string, unknown> {
  return {
    app_id: 'A0LOKETAPP',
    authed_user: { id: grant.installerId ?? 'U0INSTALLER', ...(grant.userToken ? { access_token: grant.userToken, scope: 'search:read', token_type: 'user' } : {}) },
    scope: slackBotScopes().join(','),
    token_type: 'bot',
    access_token: grant.botToken,
    bot_user_id: 'U0LOKETBOT',
    team: grant.enterpriseInstall ? null : { id: grant.teamId, name: grant.teamName ?? grant.teamId },
    enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: 'Region Norrbotten' } : null,
    is_enterprise_install: Boolean(grant.enterpriseInstall),
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken, expires_in: grant.expiresIn ?? 43_200 } : {}),
  };
}

/** Polls until `check` holds: event listeners run after Slack has been answered. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
