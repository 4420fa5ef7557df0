// The core tells CoreSettings.commands about each command it ran — GET /metrics counts them by verb and
// outcome (README "Metrics"). A redelivery, answered by its first delivery, is not told again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { createRegistry } from '../../../handlers/core/registry.js';
import type { CommandObserver } from '../../../handlers/core/settings.js';
import { defineCommand } from '../../../handlers/core/spec.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { createTestCore, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// A command that fails the way a bug or an outage does: not with a refusal the user can act on.
const broken = defineCommand({
  verb: 'explode',
  aliases: ['explodera'],
  group: 'admin',
  summary: { sv: 'går sönder', en: 'breaks' },
  args: {},
  roles: 'everyone',
  example: 'explode',
  handler: async () => {
    throw new Error('a bug');
  },
});

it('each command is told once with its verb, platform and outcome: ok, refused or error', async () => {
  const told: Parameters<CommandObserver['ran']>[0][] = [];
  const test = await createTestCore({ db: opened.db, registry: createRegistry([broken, ...commandRegistry.all]), settings: { commands: { ran: (command) => told.push(command) } } });
  const teamId = uniqueWorkspaceId('T');
  const from = (text: string, key: string): IncomingMessage => ({ platform: 'slack', workspaceId: teamId, userId: 'U0OBSERVE1', displayName: 'Dana', text, deliveryKey: { source: 'slack.command', key } });

  await test.connectWorkspace('slack', teamId);
  await test.makeManager('slack', teamId, 'U0OBSERVE1', 'Dana');
  const added = await test.core(from('cluster add Rymd sector:space', 'k1'));
  expect(added.kind === 'reply' && added.reply.error).toBeFalsy();
  // Slack sends it again: acted on once, told once.
  expect((await test.core(from('cluster add Rymd sector:space', 'k1'))).kind).toBe('duplicate');
  await test.core(from('kluster lista', 'k2'));
  await test.core(from('frobnicate', 'k3'));
  await test.core(from('cluster add', 'k4'));
  const failed = await test.core(from('explode', 'k5'));
  expect(failed.kind === 'reply' && failed.reply.error?.code).toBe('error.generic');

  expect(told.map(({ verb, outcome, platform }) => `${platform} ${verb} ${outcome}`)).toEqual([
    'slack cluster add ok',
    'slack cluster list ok',
    'slack unknown refused',
    'slack cluster add refused',
    'slack explode error',
  ]);
  expect(told.every((command) => command.seconds >= 0 && command.seconds < 30)).toBe(true);
  // What the core stored: the one cluster, added once.
  const names = (await createRepositories(opened.db).clusters.list(test.programme.id)).clusters.map((row) => row.cluster.name);
  expect(names).toEqual(['Rymd']);
});
