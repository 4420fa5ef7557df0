// Storing commands before they are acknowledged (handlers/core/inbox.ts), in bursts: every command that is
// reported admitted has its row, a redelivery inside the burst is stored once, one command the database
// refuses does not take its neighbours down with it, and a database that cannot be reached stores nothing
// and reports every command unavailable (the user is then told to try again).
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/client.js';
import { createInboxRepository } from '../../../db/inbox.repository.js';
import { systemClock } from '../../../handlers/core/context.js';
import { createInbox } from '../../../handlers/core/inbox.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => {
  await opened.close();
});

function slash(text: string, key = `burst.${randomUUID()}`): IncomingMessage {
  return { platform: 'slack', workspaceId: 'TBURST', userId: 'U0BURST01', channelId: 'C0BURST01', text, deliveryKey: { source: 'slack.command', key } };
}

const replyTo = (message: IncomingMessage) => ({ responseUrl: `https://hooks.example/${message.deliveryKey!.key}`, userId: message.userId });
const rowOf = (message: IncomingMessage) => createInboxRepository({ db: opened.db }).find('slack.command', message.deliveryKey!.key);

describe('a burst of commands stored together', () => {
  it('forty commands arriving at once are each admitted and each has its own row, received and leased', async () => {
    const inbox = createInbox({ db: opened.db, clock: systemClock, logger });
    const messages = Array.from({ length: 40 }, (_, i) => slash(`note Rymd ${i}`));
    const admissions = await Promise.all(messages.map((m) => inbox.admit(m, replyTo(m))));

    expect(admissions).toEqual(messages.map(() => ({ kind: 'admitted' })));
    for (const [i, message] of messages.entries()) {
      const { row } = await rowOf(message);
      expect(row).toMatchObject({ status: 'received', attempts: 1, message: { text: `note Rymd ${i}` }, replyTo: replyTo(message) });
    }
    expect(inbox.admitting).toBe(0);
  });

  it('a redelivery inside the same burst, and one of a command stored before, are duplicates and store nothing more', async () => {
    const inbox = createInbox({ db: opened.db, clock: systemClock, logger });
    const earlier = slash('help');
    expect(await inbox.admit(earlier, replyTo(earlier))).toEqual({ kind: 'admitted' });
    const twice = slash('whoami');
    const burst = [twice, slash('status'), { ...twice }, { ...earlier }];
    const admissions = await Promise.all(burst.map((m) => inbox.admit(m, replyTo(m))));

    expect(admissions.map((a) => a.kind)).toEqual(['admitted', 'admitted', 'duplicate', 'duplicate']);
    expect((await rowOf(twice)).row?.message).toMatchObject({ text: 'whoami' });
    expect((await rowOf(earlier)).row?.message).toMatchObject({ text: 'help' });
  });

  it('a command the database refuses (a NUL character) is unavailable, and the commands sharing its statement are still stored', async () => {
    const inbox = createInbox({ db: opened.db, clock: systemClock, logger });
    const good = [slash('note Rymd före'), slash('note Rymd efter')];
    const refused = slash('note Rymd \u0000');
    const admissions = await Promise.all([good[0]!, refused, good[1]!].map((m) => inbox.admit(m, replyTo(m))));

    expect(admissions.map((a) => a.kind)).toEqual(['admitted', 'unavailable', 'admitted']);
    expect((await rowOf(refused)).row).toBeUndefined();
    for (const message of good) expect((await rowOf(message)).row?.status).toBe('received');
  });
});

describe('a burst when the database cannot be reached', () => {
  it('every command of the statement is unavailable, none is reported stored', async () => {
    // Nothing listens on port 1: every statement fails at once with ECONNREFUSED.
    const gone = await openDatabase({ databaseUrl: 'postgres://loket@127.0.0.1:1/loket', dataDir: '', maxConnections: 1 });
    const inbox = createInbox({ db: gone.db, clock: systemClock, logger });
    const messages = Array.from({ length: 10 }, (_, i) => slash(`note Rymd ${i}`));
    const admissions = await Promise.all(messages.map((m) => inbox.admit(m, replyTo(m))));

    expect(admissions.map((a) => a.kind)).toEqual(messages.map(() => 'unavailable'));
    for (const message of messages) expect((await rowOf(message)).row).toBeUndefined();
    expect(inbox.admitting).toBe(0);
    await gone.close();
  });
});
