// A Bot Connector on 127.0.0.1 for boundary tests: the Teams SDK sends replies here because the incoming
// activity's serviceUrl (or TEAMS_SERVICE_URL) points here. Every call is recorded; failures can be queued.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'send' | 'reply' | 'update' | 'create';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  /** The JSON body as received; `any` because tests read into recorded wire payloads freely. */
  body: any;
  authorization?: string;
  /** The id the fake answered with (absent when it was told to fail). */
  answeredId?: string;
  status: number;
}

export interface FakeTeamsConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Resolves with the first recorded call (already made or still to come) matching `predicate`. */
  waitFor(predicate?: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Answers the next call with `status` (429 also sends Retry-After: 0) instead of success. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

const ERROR_CODES: Record<number, string> = {
  403: 'BotNotInConversationRoster',
  404: 'ConversationNotFound',
  429: 'Throttled',
};

export async function startFakeTeamsConnector(): Promise<FakeTeamsConnector> {
  const calls: ConnectorCall[] = [];
  const failures: number[] = [];
  const waiters = new Set<(call: ConnectorCall) => void>();

  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const route = routeOf(req.method ?? '', new URL(req.url ?? '/', 'http://fake').pathname);
      if (!route) return answer(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${req.url}` } });
      const failure = failures.shift();
      const answeredId = failure ? undefined : route.kind === 'create' ? `a:${randomUUID()}` : `1${Date.now()}${calls.length}`;
      const call: ConnectorCall = {
        ...route,
        method: req.method ?? '',
        path: req.url ?? '',
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(answeredId ? { answeredId } : {}),
        status: failure ?? (route.kind === 'create' ? 201 : 200),
      };
      calls.push(call);
      for (const waiter of [...waiters]) waiter(call);
      if (failure) {
        const headers = failure === 429 ? { 'retry-after': '0' } : undefined;
        return answer(res, failure, { error: { code: ERROR_CODES[failure] ?? 'Failed', message: 'fake failure' } }, headers);
      }
      answer(res, call.status, route.kind === 'create' ? { id: answeredId, activityId: `1${Date.now()}` } : { id: answeredId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    waitFor(predicate = () => true, timeoutMs = 5_000) {
      const done = calls.find(predicate);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake Teams connector: no matching call within ${timeoutMs} ms; calls: ${JSON.stringify(calls.map((c) => c.path))}`));
        }, timeoutMs);
        const waiter = (call: ConnectorCall) => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        };
        waiters.add(waiter);
      });
    },
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

function routeOf(method: string, pathname: string): Pick<ConnectorCall, 'kind' | 'conversationId' | 'activityId'> | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return undefined;
  if (parts.length === 2 && method === 'POST') return { kind: 'create' };
  if (parts[3] !== 'activities') return undefined;
  const conversationId = parts[2];
  if (parts.length === 4 && method === 'POST') return { kind: 'send', conversationId };
  if (parts.length === 5 && method === 'POST') return { kind: 'reply', conversationId, activityId: parts[4] };
  if (parts.length === 5 && method === 'PUT') return { kind: 'update', conversationId, activityId: parts[4] };
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

// ---- activity builders over recorded payloads (test/fixtures/teams) ----

export const FIXTURE_BOT = { id: '28:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', name: 'LOKET' } as const;

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

export interface ActivityOptions {
  serviceUrl: string;
  id?: string;
  from?: TeamsUser;
  tenantId?: string;
  /** Defaults to the fixture's 1:1 chat; pass a channel conversation (or use `channel: true`) for channels. */
  conversation?: { id: string; conversationType: 'personal' | 'channel' | 'groupChat' };
  locale?: string;
}

export type TeamsActivity = Record<string, unknown> & { id: string; type: 'message' };

let sequence = 0;
const fixture = (name: string): TeamsActivity =>
  JSON.parse(readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as TeamsActivity;

/** A typed message. In a channel the text should begin with the bot mention, as Teams requires there. */
export function messageActivity(options: ActivityOptions & { text: string; channel?: boolean; mentions?: TeamsUser[] }): TeamsActivity {
  const channel = options.channel ?? options.conversation?.conversationType === 'channel';
  const activity = addressed(fixture(channel ? 'channel-mention' : 'personal-message'), options);
  const mentioned = channel ? [FIXTURE_BOT, ...(options.mentions ?? [])] : (options.mentions ?? []);
  activity.text = options.text;
  activity.attachments = [{ contentType: 'text/html', content: `<p>${options.text}</p>` }];
  activity.entities = [
    ...mentioned.map((m) => ({ mentioned: { id: m.id, name: m.name }, text: `<at>${m.name}</at>`, type: 'mention' })),
    ...(activity.entities as { type: string }[]).filter((e) => e.type !== 'mention'),
  ];
  return activity;
}

/** An Adaptive Card Action.Submit as Teams delivers it: a message activity with `value` and no text. */
export function submitActivity(options: ActivityOptions & { value: Record<string, unknown> }): TeamsActivity {
  const activity = addressed(fixture('card-submit'), options);
  activity.value = options.value;
  return activity;
}

function addressed(activity: TeamsActivity, options: ActivityOptions): TeamsActivity {
  const tenantId = options.tenantId ?? ((activity.conversation as { tenantId: string }).tenantId);
  activity.id = options.id ?? `${Date.now()}${++sequence}`;
  activity.serviceUrl = options.serviceUrl;
  activity.timestamp = new Date().toISOString();
  if (options.from) activity.from = { ...options.from };
  if (options.locale) {
    activity.locale = options.locale;
  }
  activity.conversation = { ...(activity.conversation as object), ...(options.conversation ?? {}), tenantId };
  activity.channelData = { ...(activity.channelData as object), tenant: { id: tenantId } };
  return activity;
}
