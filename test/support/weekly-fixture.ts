// A programme with a PM and one cluster led by Anna, for the weekly-rhythm tests.
import type { Database } from '../../db/database.js';
import type { IncomingMessage } from '../../handlers/core/incoming.js';
import { createTestCore, say, uniqueWorkspaceId } from './test-core.js';

export interface WeeklyProgramme {
  test: Awaited<ReturnType<typeof createTestCore>>;
  workspaceId: string;
  /** Runs a message as a Slack user, optionally from a channel. */
  as(userId: string, text: string, extra?: Partial<IncomingMessage>): ReturnType<typeof say>;
}

export async function weeklyProgramme(db: Database, options: { clusters?: string[]; start?: Date } = {}): Promise<WeeklyProgramme> {
  const test = await createTestCore({ db });
  if (options.start) test.clock.set(options.start);
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  await test.makeManager('slack', workspaceId, 'UPM', 'Petra');
  const names: Record<string, string> = { UPM: 'Petra', UANNA: 'Anna', UBO: 'Bo', UNILS: 'Nils', UDANA: 'Dana' };
  const as = (userId: string, text: string, extra: Partial<IncomingMessage> = {}) =>
    say(test.core, { platform: 'slack', workspaceId, userId, displayName: names[userId] ?? userId, ...extra }, text);
  const clusters = options.clusters ?? ['Rymd'];
  for (const [i, name] of clusters.entries()) {
    await as('UPM', `cluster add ${name} sector:space`);
    const leader = i === 0 ? 'UANNA' : 'UBO';
    await as('UPM', `cluster role ${name} <@${leader}|${names[leader]}> leader`);
  }
  await as('UPM', `join ${clusters[0]}`);
  return { test, workspaceId, as };
}

/** A Slack channel message, as the adapter hands it to the core. */
export function inChannel(channelId: string): Partial<IncomingMessage> {
  return { channelId, conversation: { id: channelId, type: 'channel', reference: { channel: channelId } } };
}
