import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, processedDeliveries } from '../../../db/schema/index.js';
import { createTestCore, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function setup() {
  const test = await createTestCore({ db: opened.db });
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  await test.makeManager('slack', workspaceId, 'UPM');
  const send = (text: string, key: string) => test.core({ platform: 'slack', workspaceId, userId: 'UPM', text, deliveryKey: { source: 'slack.event', key } });
  const clusterCount = async () => (await opened.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id))).length;
  return { send, clusterCount };
}

describe('redelivered messages act once', () => {
  it('the same event delivered twice stores one cluster and answers once', async () => {
    const { send, clusterCount } = await setup();
    const key = `Ev${uniqueWorkspaceId()}`;
    const first = await send('cluster add Rymd sector:space', key);
    const second = await send('cluster add Rymd sector:space', key);
    expect(first.kind).toBe('reply');
    expect(second).toEqual({ kind: 'duplicate' });
    expect(await clusterCount()).toBe(1);
    const keys = await opened.db.select().from(processedDeliveries).where(eq(processedDeliveries.key, key));
    expect(keys).toHaveLength(1);
  });

  it('ten concurrent copies of one delivery produce one effect and one reply', async () => {
    const { send, clusterCount } = await setup();
    const key = `Ev${uniqueWorkspaceId()}`;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => send('cluster add Skog sector:forest', key)));
    expect(outcomes.filter((o) => o.kind === 'reply')).toHaveLength(1);
    expect(await clusterCount()).toBe(1);
  });

  it('a refused command is answered once even when redelivered, and stores nothing', async () => {
    const { send, clusterCount } = await setup();
    const key = `Ev${uniqueWorkspaceId()}`;
    const first = await send('cluster add Rymd', key);
    expect(first.kind === 'reply' && first.reply.error?.code).toBe('args.missing');
    expect(await send('cluster add Rymd', key)).toEqual({ kind: 'duplicate' });
    expect(await clusterCount()).toBe(0);
  });

  it('different deliveries of the same text both act', async () => {
    const { send, clusterCount } = await setup();
    await send('cluster add A sector:x', `Ev${uniqueWorkspaceId()}`);
    await send('cluster add B sector:x', `Ev${uniqueWorkspaceId()}`);
    expect(await clusterCount()).toBe(2);
  });
});
