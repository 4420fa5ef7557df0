// The outbox dispatcher's guarantees that the exchange flow tests do not reach: a claim whose process died
// is never re-sent, two dispatchers never send one row twice, and a group message across platforms falls
// back to 1:1 messages without sending anyone a message twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { textReply } from '../../../handlers/core/reply.js';
import { deliverOutbox } from '../../../handlers/core/outbox-dispatcher.js';
import { DeliveryError, routeNotifiers, type PersonTarget } from '../../../handlers/core/notifier.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { createTestCore, silentLogger, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function queued(test: TestCore, userIds: string[]) {
  const repos = createRepositories(opened.db);
  const personIds: string[] = [];
  for (const userId of userIds) {
    const { person } = await repos.people.upsert({ programmeId: test.programme.id, platform: 'slack', workspaceExternalId: 'TOUT', userId }, userId, test.clock.now());
    personIds.push(person.id);
  }
  await repos.outbox.enqueue({ programmeId: test.programme.id, kind: 'test', key: randomUUID(), personIds, reply: textReply('Hej') as unknown as Record<string, unknown>, at: test.clock.now() });
  return repos;
}

const run = (test: TestCore, notifier = createFakeNotifier()) => deliverOutbox({ db: opened.db, clock: test.clock, logger: silentLogger, notifier, programmeIds: [test.programme.id] });

describe('outbox dispatcher', () => {
  it('a claim whose process stopped mid-send becomes unknown and is not sent again', async () => {
    const test = await createTestCore({ db: opened.db });
    const repos = await queued(test, ['UANNA']);
    const [message] = (await repos.outbox.list(test.programme.id)).messages;
    expect((await repos.outbox.claim(message!.id, test.clock.now())).message?.status).toBe('sending');
    const notifier = createFakeNotifier();
    expect((await run(test, notifier)).sent).toBe(0);
    test.clock.advance(16 * 60_000);
    await run(test, notifier);
    expect(notifier.sent).toEqual([]);
    expect((await repos.outbox.list(test.programme.id)).messages.map((m) => [m.status, m.attempts])).toEqual([['unknown', 1]]);
  });

  it('two dispatchers at once send each row once', async () => {
    const test = await createTestCore({ db: opened.db });
    await queued(test, ['UANNA']);
    await queued(test, ['UERIK']);
    const notifier = createFakeNotifier();
    const [a, b] = await Promise.all([run(test, notifier), run(test, notifier)]);
    expect(a.sent + b.sent).toBe(2);
    expect(notifier.sent.map((m) => m.to).sort()).toEqual(['UANNA', 'UERIK']);
  });

  it('a group message across platforms goes 1:1 to each; a failure after the first is unknown, not retried', async () => {
    const slack = createFakeNotifier();
    const teams = createFakeNotifier();
    const router = routeNotifiers({ slack, teams });
    const anna: PersonTarget = { platform: 'slack', workspaceId: 'T1', userId: 'UANNA', displayName: 'Anna' };
    const ulf: PersonTarget = { platform: 'teams', workspaceId: 'tenant', userId: '29:ulf', displayName: 'Ulf' };
    await router.sendGroup!([anna, ulf], textReply('Möt varandra'));
    expect([...slack.sent, ...teams.sent].map((m) => [m.kind, m.to])).toEqual([['direct', 'UANNA'], ['direct', '29:ulf']]);
    teams.failNext('failed');
    const error = await router.sendGroup!([anna, ulf], textReply('Igen')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('unknown');
  });
});
