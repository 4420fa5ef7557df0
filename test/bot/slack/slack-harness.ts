// Boundary harness: an Express app with the Slack adapter on 127.0.0.1, the real core on a real migrated
// database, and the fake Slack Web API. Tests send signed HTTP requests and read what reached Slack.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { and, eq } from 'drizzle-orm';
import { registerSlack, type SlackAdapter } from '../../../bot/slack/slack-adapter.js';
import type { SlackConfig } from '../../../bot/config.js';
import type { IncomingMessage, ProcessIncoming } from '../../../handlers/core/incoming.js';
import type { Database } from '../../../db/database.js';
import { clusters, processedDeliveries } from '../../../db/schema/index.js';
import { signSlackRequest, startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { createTestCore, uniqueWorkspaceId, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { createInbox, type Inbox } from '../../../handlers/core/inbox.js';
import { systemClock } from '../../../handlers/core/context.js';
import { capturingLogger } from '../../support/capturing-logger.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
export const USER_ID = 'U0ANNA0001';

export interface SlackHarness {
  baseUrl: string;
  fake: FakeSlackApi;
  testCore: TestCore;
  adapter: SlackAdapter;
  /** The Slack team id of this test, connected to the test's fresh programme. */
  teamId: string;
  /** Every message the adapter handed to the (real) core, in order. */
  coreCalls: IncomingMessage[];
  logs: Record<string, unknown>[];
  /** Ids unique to this test, so tests sharing a Postgres database never share a delivery key. */
  unique(prefix: string): string;
  post(body: string, options: PostOptions): Promise<Response>;
  clustersNamed(name: string): Promise<(typeof clusters.$inferSelect)[]>;
  deliveries(source: string, key: string): Promise<(typeof processedDeliveries.$inferSelect)[]>;
  close(): Promise<void>;
}

export interface PostOptions {
  contentType: string;
  /** 'valid' (default), 'bad' (signed with another secret), 'none', or a timestamp to sign with. */
  signature?: 'valid' | 'bad' | 'none' | { timestamp: number };
  headers?: Record<string, string>;
}

export interface HarnessOptions {
  /** Defaults to the fake's URL; point it at a closed port to simulate an unreachable Slack. */
  apiUrl?: string;
  /** Wraps the real core, e.g. to hold it back; it must still call through. */
  wrapCore?: (core: ProcessIncoming) => ProcessIncoming;
  /** A database shared by the tests of a file; each test still gets its own programme and team id. */
  db?: Database;
  /** Store slash commands in the inbox before acknowledging them, as the server does (README "Reliability"). */
  withInbox?: boolean;
  /** An inbox of the test's own making (e.g. on a database that is gone) instead of the harness's. */
  inbox?: Inbox;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlackApi();
  const testCore = await createTestCore({ db: options.db });
  const teamId = uniqueWorkspaceId('T');
  await testCore.connectWorkspace('slack', teamId);
  const coreCalls: IncomingMessage[] = [];
  const recorded: ProcessIncoming = (message) => {
    coreCalls.push(message);
    return testCore.core(message);
  };
  const core = options.wrapCore ? options.wrapCore(recorded) : recorded;
  const { logger, logs } = capturingLogger();
  const expressApp = express();
  const config: SlackConfig = { mode: 'single', signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: options.apiUrl ?? fake.url };
  const inbox = options.inbox ? { inbox: options.inbox } : options.withInbox ? { inbox: createInbox({ db: testCore.db, clock: systemClock, logger }) } : {};
  const adapter = await registerSlack({ expressApp, config, core, logger, ...inbox });
  const server = await listen(expressApp);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);

  return {
    baseUrl, fake, testCore, adapter, teamId, coreCalls, logs,
    unique: (prefix) => `${prefix}${suffix}${Math.random().toString(36).slice(2, 8)}`,
    post: (body, postOptions) => postSigned(`${baseUrl}/slack/events`, body, postOptions),
    clustersNamed: (name) =>
      testCore.db.select().from(clusters).where(and(eq(clusters.programmeId, testCore.programme.id), eq(clusters.name, name))),
    deliveries: (source, key) =>
      testCore.db.select().from(processedDeliveries).where(and(eq(processedDeliveries.source, source), eq(processedDeliveries.key, key))),
    async close() {
      await adapter.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await fake.close();
      await testCore.close();
    },
  };
}

export async function postSigned(url: string, body: string, options: PostOptions): Promise<Response> {
  const signature = options.signature ?? 'valid';
  const headers: Record<string, string> = { 'Content-Type': options.contentType, ...options.headers };
  if (signature === 'valid') Object.assign(headers, signSlackRequest(SIGNING_SECRET, body));
  if (signature === 'bad') Object.assign(headers, signSlackRequest('not-the-signing-secret', body));
  if (typeof signature === 'object') Object.assign(headers, signSlackRequest(SIGNING_SECRET, body, signature.timestamp));
  return fetch(url, { method: 'POST', headers, body });
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The texts Slack would show for a message payload (header, sections, fields, buttons, context), one per line. */
export function shownText(message: Record<string, unknown> | undefined): string {
  if (!message) return '';
  const blocks = message['blocks'];
  if (!Array.isArray(blocks) || blocks.length === 0) return String(message['text'] ?? '');
  return (blocks as Record<string, unknown>[]).flatMap(blockTexts).join('\n');
}

function blockTexts(block: Record<string, unknown>): string[] {
  const text = block['text'] as { text?: string } | undefined;
  const fields = (block['fields'] as { text: string }[] | undefined) ?? [];
  const elements = (block['elements'] as { text?: { text?: string } | string }[] | undefined) ?? [];
  return [
    ...(text?.text ? [text.text] : []),
    ...fields.map((f) => f.text),
    ...elements.map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))),
  ];
}

/** One migrated database for a test file (loading one takes a moment); tests isolate by programme. */
export function sharedTestDatabase() {
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  return {
    open: async () => {
      opened = await openTestDatabase();
      return opened.db;
    },
    get db(): Database {
      if (!opened) throw new Error('sharedTestDatabase: open() it in beforeAll');
      return opened.db;
    },
    close: async () => opened?.close(),
  };
}
