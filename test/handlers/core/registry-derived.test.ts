// One declaration is all a command needs: registering one extra command makes dispatch, the role check,
// help, the Slack usage hint and the Teams command list know it, with no second table to edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { word } from '../../../handlers/core/arg-types.js';
import { createRegistry } from '../../../handlers/core/registry.js';
import { textReply } from '../../../handlers/core/reply.js';
import { defineCommand, positional } from '../../../handlers/core/spec.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { slackUsageHint } from '../../../scripts/slack-manifest.js';
import { buildLocalization, teamsCommands } from '../../../scripts/teams-manifest.js';
import { managedProgramme, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

const ran: string[] = [];
const ping = defineCommand({
  verb: 'ping',
  aliases: ['pling'],
  group: 'admin',
  summary: { sv: 'svarar med ett eko', en: 'answers with an echo' },
  args: { word: positional.required(word('ord', 'word')) },
  roles: ['manager'],
  example: 'ping hej',
  menu: true,
  handler: async ({ args }) => {
    ran.push(args.word);
    return textReply(`pong ${args.word}`);
  },
});
const registry = createRegistry([ping, ...commandRegistry.all]);

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function programme() {
  return (await managedProgramme(opened.db, { registry })).as;
}

describe('a command declared once is known everywhere', () => {
  it('dispatch runs it by its verb and its alias, with its typed argument', async () => {
    const as = await programme();
    expect((await as('UPM', 'ping hej')).text).toBe('pong hej');
    expect((await as('UPM', 'pling då')).text).toBe('pong då');
    expect(ran).toEqual(['hej', 'då']);
  });

  it('the role check follows its declared roles', async () => {
    const as = await programme();
    const { outcome } = await as('UOTHER', 'ping hej');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('permission.denied');
  });

  it('help lists it in its group and shows how to write it', async () => {
    const as = await programme();
    // In the reader's words: its first alias, which is the Swedish one, for a Swedish reader.
    expect((await as('UPM', 'help admin')).text).toContain('`pling` – svarar med ett eko');
    const verb = (await as('UPM', 'help ping')).text;
    expect(verb).toContain('`pling <ord>`');
    expect(verb).toContain('`pling hej`');
    expect(verb).toContain('ping');
  });

  it('the Slack usage hint and the Teams command list carry it', () => {
    expect(slackUsageHint(registry).split(' | ')).toContain('ping');
    expect(teamsCommands(registry)).toContainEqual({ verb: 'ping', svTitle: 'pling' });
    expect(Object.values(buildLocalization('en', registry))).toContain('answers with an echo');
    expect(slackUsageHint()).not.toContain('ping');
  });

  it('the real Teams command list stays within the ten Teams allows', () => {
    expect(teamsCommands().length).toBeGreaterThan(0);
    expect(teamsCommands().length).toBeLessThanOrEqual(10);
  });
});
