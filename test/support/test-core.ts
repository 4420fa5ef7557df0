import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import type { Platform } from '../../db/schema/index.js';
import type { Clock, CoreSettings } from '../../handlers/core/context.js';
import type { IncomingMessage, Outcome, ProcessIncoming } from '../../handlers/core/incoming.js';
import { commandRegistry } from '../../handlers/registry.js';
import { createCore } from '../../handlers/core/run-command.js';
import type { Registry } from '../../handlers/core/registry.js';
import { renderPlainText } from '../../handlers/core/reply.js';
import { openTestDatabase } from './test-database.js';

export const silentLogger = pino({ level: 'silent' });

export const testSettings: CoreSettings = { timezone: 'Europe/Stockholm', defaultLanguage: 'sv', admins: [], defaultProgrammeName: 'Test' };

/** A clock tests move by hand. */
export function createTestClock(start = new Date('2026-03-02T09:00:00Z')): Clock & { set(date: Date): void; advance(ms: number): void } {
  let now = start;
  return { now: () => now, set: (date) => (now = date), advance: (ms) => (now = new Date(now.getTime() + ms)) };
}

export interface TestCore {
  core: ProcessIncoming;
  db: Database;
  programme: { id: string };
  clock: ReturnType<typeof createTestClock>;
  /** Connects a Slack workspace / Teams tenant to this test's fresh programme. */
  connectWorkspace(platform: Platform, externalId: string): Promise<void>;
  /** Creates a person in the programme and makes them project manager. */
  makeManager(platform: Platform, workspaceId: string, userId: string, displayName?: string): Promise<{ personId: string }>;
  close(): Promise<void>;
}

/** A real core on a real, migrated database, with a fresh programme for this test. Pass `db` to share
 *  one database across the tests of a file. */
export async function createTestCore(options: { db?: Database; settings?: Partial<CoreSettings>; registry?: Registry } = {}): Promise<TestCore> {
  const opened = options.db ? undefined : await openTestDatabase();
  const db = options.db ?? opened!.db;
  const repos = createRepositories(db);
  const clock = createTestClock();
  const { programme } = await repos.programmes.create(`Programme ${randomUUID().slice(0, 8)}`);
  const core = createCore({ db, clock, logger: silentLogger, settings: { ...testSettings, ...options.settings }, registry: options.registry ?? commandRegistry });
  return {
    core,
    db,
    programme,
    clock,
    async connectWorkspace(platform, externalId) {
      const { workspace } = await repos.workspaces.ensure(platform, externalId);
      await repos.workspaces.connect(workspace.id, programme.id, clock.now());
    },
    async makeManager(platform, workspaceId, userId, displayName) {
      const identity = { programmeId: programme.id, platform, workspaceExternalId: workspaceId, userId };
      const { person } = await repos.people.upsert(identity, displayName ?? userId, clock.now());
      await repos.programmeRoles.grant(programme.id, person.id, 'manager', null, clock.now());
      return { personId: person.id };
    },
    close: async () => opened?.close(),
  };
}

/** Unique workspace ids per test, so tests sharing a database never meet. */
export function uniqueWorkspaceId(prefix = 'T'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

/** Runs one console-like message and returns the reply text (for handler tests). */
export async function say(core: ProcessIncoming, from: Omit<IncomingMessage, 'text'>, text: string): Promise<{ outcome: Outcome; text: string }> {
  const outcome = await core({ ...from, text });
  return { outcome, text: outcome.kind === 'reply' ? renderPlainText(outcome.reply) : '' };
}

/** A fresh programme with a connected Slack workspace and its project manager `UPM`; `as` speaks as anyone
 *  in that workspace (a display name or locale given once is how LOKET first meets them). */
export async function managedProgramme(db: Database, options: { registry?: Registry; managerName?: string } = {}) {
  const test = await createTestCore({ db, ...(options.registry ? { registry: options.registry } : {}) });
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  const manager = await test.makeManager('slack', workspaceId, 'UPM', options.managerName ?? 'Petra');
  const as = (userId: string, text: string, extra: { displayName?: string; locale?: string } = {}) => say(test.core, { platform: 'slack', workspaceId, userId, ...extra }, text);
  return { test, workspaceId, as, manager };
}
