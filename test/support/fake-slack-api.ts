// A fake Slack Web API and response_url host on 127.0.0.1, plus helpers that sign and build requests the
// way Slack does. Adapter tests talk to it over real HTTP (CONVENTIONS.md "Tests").
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface RecordedCall {
  /** Order among everything the fake received (Web API calls and response_url posts together). */
  seq: number;
  /** Web API method, e.g. `chat.postEphemeral`. */
  method: string;
  body: Record<string, unknown>;
  authorization?: string;
}

export interface RecordedResponse {
  /** Order among everything the fake received (Web API calls and response_url posts together). */
  seq: number;
  /** The `<id>` of `/response/<id>`. */
  id: string;
  body: Record<string, unknown>;
  /** `performance.now()` of the process running the fake when the whole post had arrived (benchmarks time
   *  answers with it). */
  receivedAt: number;
}

export interface FakeSlackState {
  calls: RecordedCall[];
  responses: RecordedResponse[];
}

export interface FakeSlackApi extends FakeSlackState {
  /** Web API base, ends with `/api/` (what SLACK_API_URL is set to). */
  url: string;
  responseUrl(id: string): string;
  callsTo(method: string): RecordedCall[];
  /** The next `times` calls of `method` answer `{ ok: false, error }`. */
  failNext(method: string, error?: string, times?: number): void;
  /** Channels conversations.info reports the bot as not a member of (all others: a member). */
  notMemberOf: Set<string>;
  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: seconds`. */
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  /** Resolves with the first truthy value of `predicate`, re-checked on every recorded request. */
  waitFor<T>(predicate: (state: FakeSlackState) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
  /** OAuth: what oauth.v2.access answers for a `code` or a `refresh_token` (each works once, as at Slack). */
  oauthGrants: Map<string, Record<string, unknown>>;
  /** When not empty, a Web API call whose bearer token is not in here answers `invalid_auth` (as Slack
   *  does for a revoked or another workspace's token). */
  acceptedTokens: Set<string>;
  /** The bot scopes the app was granted: manifest.json's. A method whose scope is missing answers
   *  `{ ok: false, error: 'missing_scope', needed, provided }`, as Slack does. */
  grantedScopes: Set<string>;
  /** users.info answers these user objects (`user_not_found` for any other id). */
  users: Map<string, Record<string, unknown>>;
  /** What kind of conversation a channel id is, for conversations.info (default by prefix: D im, G private, C public). */
  channelKinds: Map<string, ChannelKind>;
}

export type ChannelKind = 'public' | 'private' | 'im' | 'mpim';

/** The scopes manifest.json grants the bot. */
export function manifestBotScopes(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
  return manifest.oauth_config.scopes.bot;
}

/** A users.info `user` as Slack returns it (test/fixtures/slack/users-info.json) for another person. */
export function slackUser(id: string, realName: string, displayName = ''): Record<string, unknown> {
  const { user } = loadSlackFixture<{ user: Record<string, unknown> & { profile: Record<string, unknown> } }>('users-info');
  return {
    ...user, id, name: realName.toLowerCase().replace(/\s+/g, '.'), real_name: realName,
    profile: { ...user.profile, real_name: realName, real_name_normalized: realName, display_name: displayName, display_name_normalized: displayName },
  };
}

type Override = { kind: 'error'; error: string; times: number } | { kind: 'ratelimit'; seconds: number; times: number };

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const overrides = new Map<string, Override>();
  const notMemberOf = new Set<string>();
  const oauthGrants = new Map<string, Record<string, unknown>>();
  const acceptedTokens = new Set<string>();
  const grantedScopes = new Set(manifestBotScopes());
  const users = new Map<string, Record<string, unknown>>();
  const channelKinds = new Map<string, ChannelKind>();
  let seq = 0;
  const waiters = new Set<() => void>();
  let counter = 0;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'POST' && path.startsWith('/response/')) {
        responses.push({ seq: ++seq, id: decodeURIComponent(path.slice('/response/'.length)), body: parseBody(raw, req.headers['content-type']), receivedAt: performance.now() });
        send(res, 200, { ok: true });
      } else if (req.method === 'POST' && path === '/api/oauth.v2.access') {
        const body = parseBody(raw, req.headers['content-type']);
        calls.push({ seq: ++seq, method: 'oauth.v2.access', body, authorization: req.headers.authorization });
        const grantKey = String(body['grant_type'] === 'refresh_token' ? body['refresh_token'] : body['code']);
        const grant = oauthGrants.get(grantKey);
        oauthGrants.delete(grantKey);
        send(res, 200, grant ? { ok: true, ...grant } : { ok: false, error: body['grant_type'] === 'refresh_token' ? 'invalid_refresh_token' : 'invalid_code' });
      } else if (req.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const body = parseBody(raw, req.headers['content-type']);
        calls.push({ seq: ++seq, method, body, authorization: req.headers.authorization });
        const bearer = req.headers.authorization?.replace(/^Bearer /, '');
        if (acceptedTokens.size > 0 && !acceptedTokens.has(bearer ?? '')) send(res, 200, { ok: false, error: 'invalid_auth' });
        else {
          const kindOf = (channel: string): ChannelKind => channelKinds.get(channel) ?? (channel.startsWith('D') ? 'im' : channel.startsWith('G') ? 'private' : 'public');
          const missing = scopesFor(method, body, kindOf).filter((scope) => !grantedScopes.has(scope));
          if (missing.length) send(res, 200, { ok: false, error: 'missing_scope', needed: missing.join(','), provided: [...grantedScopes].join(',') });
          else answer(res, method, body, overrides, ++counter, { notMemberOf, users, kindOf });
        }
      } else {
        send(res, 404, { ok: false, error: 'unknown_method' });
      }
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state = { calls, responses };

  return {
    url: `${base}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    notMemberOf,
    oauthGrants,
    acceptedTokens,
    grantedScopes,
    users,
    channelKinds,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, error = 'internal_error', times = 1) => overrides.set(method, { kind: 'error', error, times }),
    rateLimitNext: (method, seconds, times = 1) => overrides.set(method, { kind: 'ratelimit', seconds, times }),
    waitFor: (predicate, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const value = predicate(state);
          if (!value) return;
          cleanup();
          resolve(value);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Slack API: condition not met in ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ') || 'none'}; responses: ${responses.length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface World {
  notMemberOf: Set<string>;
  users: Map<string, Record<string, unknown>>;
  kindOf(channel: string): ChannelKind;
}

/** The bot scope Slack's method reference requires for a call, by what the call is about. The fake's own
 *  table, kept apart from bot/slack/slack-scopes.ts so the two check each other. */
function scopesFor(method: string, body: Record<string, unknown>, kindOf: (channel: string) => ChannelKind): string[] {
  switch (method) {
    case 'chat.postMessage':
    case 'chat.postEphemeral':
      return ['chat:write'];
    case 'conversations.open':
      return String(body['users'] ?? '').includes(',') ? ['mpim:write'] : ['im:write'];
    case 'conversations.info':
      return [{ public: 'channels:read', private: 'groups:read', im: 'im:read', mpim: 'mpim:read' }[kindOf(String(body['channel'] ?? ''))]];
    case 'users.info':
      return ['users:read'];
    default:
      return [];
  }
}

function answer(res: ServerResponse, method: string, body: Record<string, unknown>, overrides: Map<string, Override>, n: number, world: World): void {
  const override = overrides.get(method);
  if (override) {
    override.times -= 1;
    if (override.times <= 0) overrides.delete(method);
    if (override.kind === 'ratelimit') {
      res.writeHead(429, { 'Retry-After': String(override.seconds), 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    send(res, 200, { ok: false, error: override.error });
    return;
  }
  if (method === 'users.info' && !world.users.has(String(body['user']))) {
    send(res, 200, { ok: false, error: 'user_not_found' });
    return;
  }
  send(res, 200, { ok: true, ...successShape(method, body, n, world) });
}

function successShape(method: string, body: Record<string, unknown>, n: number, { notMemberOf, users, kindOf }: World): Record<string, unknown> {
  const ts = `1767225600.${String(n).padStart(6, '0')}`;
  switch (method) {
    case 'auth.test':
      return { url: 'https://loket-test.slack.com/', team: 'LOKET test', user: 'loket', team_id: 'T0LOKET01', user_id: 'U0LOKETBOT', bot_id: 'B0LOKETBOT', is_enterprise_install: false };
    case 'chat.postMessage':
      return { channel: body['channel'], ts, message: { type: 'message', text: body['text'], user: 'U0LOKETBOT', bot_id: 'B0LOKETBOT', ts } };
    case 'chat.postEphemeral':
      return { message_ts: ts };
    case 'views.open':
      return { view: { id: `V0FAKE${String(n).padStart(4, '0')}`, hash: `${ts}.fakehash`, ...(body['view'] as object | undefined) } };
    case 'conversations.info': {
      const kind = kindOf(String(body['channel']));
      return { channel: { id: body['channel'], is_channel: kind === 'public' || kind === 'private', is_private: kind !== 'public', is_im: kind === 'im', is_mpim: kind === 'mpim', is_member: !notMemberOf.has(String(body['channel'])) } };
    }
    case 'users.info':
      return { user: users.get(String(body['user'])) };
    case 'conversations.open':
      return { channel: { id: `D0FAKE${String(n).padStart(4, '0')}` } };
    // As https://docs.slack.dev/reference/methods/chat.getPermalink answers: the workspace's archive URL.
    case 'chat.getPermalink':
      return { channel: body['channel'], permalink: `https://loket-test.slack.com/archives/${String(body['channel'])}/p${String(body['message_ts']).replace('.', '')}` };
    default:
      return {};
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/** JSON, or a form whose JSON-looking values (blocks, view) are decoded the way Slack decodes them. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    out[key] = /^[[{]/.test(text) ? tryJson(text) : text;
  }
  return out;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---- Signing and request bodies -------------------------------------------------------------------

/** The headers Slack sends: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function signSlackRequest(secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Signature': `v0=${signature}`, 'X-Slack-Request-Timestamp': String(timestamp) };
}

const FIXTURES = new URL('../fixtures/slack/', import.meta.url);

export function loadSlackFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as T;
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/** A `/loket` slash command as Slack posts it (form-urlencoded). */
export function slashCommandBody(overrides: Record<string, string> = {}): string {
  const payload = { ...loadSlackFixture<Record<string, string>>('slash-command'), ...overrides };
  return new URLSearchParams(payload).toString();
}

/** An Events API callback (JSON); `event` fields are merged into the fixture's event. */
export function eventBody(overrides: { fixture?: 'app-mention' | 'message-im'; event?: Record<string, unknown>; [key: string]: unknown } = {}): string {
  const { fixture = 'app-mention', event, ...envelope } = overrides;
  const base = loadSlackFixture<Record<string, unknown> & { event: Record<string, unknown> }>(fixture);
  return JSON.stringify({ ...base, ...envelope, event: { ...base.event, ...event } });
}

/** A button click (`block_actions`), posted as `payload=<json>`; `value` is the button's command. */
export function blockActionBody(overrides: { value?: string; action_id?: string; [key: string]: unknown } = {}): string {
  const { value, action_id, ...rest } = overrides;
  const base = loadSlackFixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions');
  const action = { ...base.actions[0], ...(value !== undefined ? { value } : {}), ...(action_id ? { action_id } : {}) };
  return interactivityBody({ ...base, ...rest, actions: [action] });
}

/** A modal submission (`view_submission`); `view` fields are merged into the fixture's view. */
export function viewSubmissionBody(overrides: { view?: Record<string, unknown>; [key: string]: unknown } = {}): string {
  const { view, ...rest } = overrides;
  const base = loadSlackFixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission');
  return interactivityBody({ ...base, ...rest, view: { ...base.view, ...view } });
}

function interactivityBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
