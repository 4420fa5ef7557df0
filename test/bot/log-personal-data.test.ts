// Issue 20: logs never carry personal free text or names, at any level. A query that fails carries its
// parameters (Drizzle puts them in the error's message and `params`, Postgres the row's values in `detail`
// and some messages); the logger LOKET runs with (bot/logger.ts) keeps what finds the fault — the error's
// type, the SQL text, the Postgres code and constraint, the stack — and no value a person typed.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, serializeError } from '../../bot/logger.js';
import { toBoltLogger } from '../../bot/slack/bolt-logger.js';
import { toSdkLogger } from '../../bot/teams/sdk-logger.js';
import type { OpenedDatabase } from '../../db/client.js';
import { text } from '../../handlers/core/arg-types.js';
import { createRegistry } from '../../handlers/core/registry.js';
import { textReply } from '../../handlers/core/reply.js';
import { createCore } from '../../handlers/core/run-command.js';
import { defineCommand, positional } from '../../handlers/core/spec.js';
import { commandRegistry } from '../../handlers/registry.js';
import { createTestClock, say, testSettings, uniqueWorkspaceId } from '../support/test-core.js';
import { createRepositories } from '../../db/repositories.js';
import { openTestDatabase } from '../support/test-database.js';

const CANARY_NAME = 'CANARY-NAME-7731';
const CANARY_TEXT = 'CANARY-TEXT-9942';
const CANARIES = [CANARY_NAME, CANARY_TEXT];

// Purpose-made failures whose query parameters hold the person's name and what they typed.
const failing = defineCommand({
  verb: 'fail-insert',
  aliases: [],
  group: 'admin',
  summary: { sv: 'misslyckas', en: 'fails' },
  args: { words: positional.rest(text('text', 'text')) },
  roles: 'everyone',
  example: 'fail-insert x',
  handler: async ({ args, actor, repos, clock }) => {
    // No kind: a not-null violation, whose detail ("Failing row contains …") repeats the whole row.
    const post = { programmeId: actor.programmeId, kind: undefined as never, clusterId: randomUUID(), personId: actor.personId, topic: `${actor.displayName}: ${args.words}`, tags: [args.words], at: clock.now() };
    await repos.exchanges.createPost(post);
    return textReply('unreachable');
  },
});
const failingLookup = defineCommand({
  verb: 'fail-lookup',
  aliases: [],
  group: 'admin',
  summary: { sv: 'misslyckas', en: 'fails' },
  args: { words: positional.rest(text('text', 'text')) },
  roles: 'everyone',
  example: 'fail-lookup x',
  handler: async ({ args, actor, repos }) => {
    await repos.people.findById(actor.programmeId, args.words); // Postgres quotes the bad uuid in its message
    return textReply('unreachable');
  },
});

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function coreLoggingAtTrace() {
  const lines: string[] = [];
  const logger = createLogger('trace', new Writable({ write: (chunk: Buffer, _e, done) => void (lines.push(chunk.toString()), done()) }));
  const repos = createRepositories(opened.db);
  const clock = createTestClock();
  const { programme } = await repos.programmes.create(`Programme ${uniqueWorkspaceId()}`);
  const workspaceId = uniqueWorkspaceId();
  const { workspace } = await repos.workspaces.ensure('slack', workspaceId);
  await repos.workspaces.connect(workspace.id, programme.id, clock.now());
  const registry = createRegistry([failing, failingLookup, ...commandRegistry.all]);
  const core = createCore({ db: opened.db, clock, logger, settings: testSettings, registry });
  const as = (command: string) =>
    say(core, { platform: 'slack', workspaceId, userId: 'U0CANARY1', displayName: CANARY_NAME, deliveryKey: { source: 'slack', key: `k-${Math.random()}` } }, command);
  return { as, lines, logged: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logs of a failed command', () => {
  it('a failed insert is logged with its type, SQL, code, column and stack, and without the name or text in its parameters', async () => {
    const { as, lines, logged } = await coreLoggingAtTrace();
    const reply = await as(`fail-insert ${CANARY_TEXT}`);
    expect(reply.text).toBe('Något gick fel hos LOKET. Försök igen om en stund.');
    const failed = logged().find((l) => l.msg === 'command failed');
    expect(failed, lines.join('')).toBeDefined();
    const err = failed!.err as Record<string, unknown> & { cause: Record<string, unknown> };
    expect(err.message).toMatch(/^Failed query: insert into "exchange_posts"/);
    expect(err.query).toMatch(/^insert into "exchange_posts" .*values \(.*\$1/);
    expect(err.params).toBeUndefined();
    expect(err.stack).toMatch(/\n\s+at /);
    expect(err.cause).toMatchObject({ code: '23502', table: 'exchange_posts', column: 'kind', message: 'null value in column "kind" of relation "exchange_posts" violates not-null constraint' });
    expect(err.cause.detail).toBeUndefined();
    for (const canary of CANARIES) expect(lines.join(''), `a log line carries ${canary}`).not.toContain(canary);
  });

  it('a value Postgres quotes in its own message is blanked, and the command line names the verb, not the text', async () => {
    const { as, lines, logged } = await coreLoggingAtTrace();
    await as(`fail-lookup ${CANARY_TEXT}`);
    const failed = logged().find((l) => l.msg === 'command failed')!;
    expect((failed.err as { cause: { message: string; code: string } }).cause).toMatchObject({ code: '22P02', message: 'invalid input syntax for type uuid: "…"' });
    expect(logged().find((l) => l.msg === 'command')).toMatchObject({ handler: 'fail-lookup', platform: 'slack' });
    // Everyday commands with a name and free text, at trace level, too.
    await as(`note Ring ${CANARY_NAME} om ${CANARY_TEXT}`);
    await as(`exchange need ${CANARY_TEXT} tags:"${CANARY_TEXT}"`);
    for (const canary of CANARIES) expect(lines.join(''), `a log line carries ${canary}`).not.toContain(canary);
  });
});

describe('the error serializer', () => {
  it('keeps an HTTP client error\'s status and drops the request and response it carries', () => {
    const error = Object.assign(new Error('Request failed with status code 403'), { status: 403, config: { data: JSON.stringify({ text: CANARY_TEXT }) }, response: { data: { from: { name: CANARY_NAME } } } });
    const out = serializeError(error);
    expect(out).toMatchObject({ type: 'Error', status: 403, message: 'Request failed with status code 403' });
    expect(JSON.stringify(out)).not.toMatch(/CANARY/);
  });

  it('blanks the values of a JSON parse error and keeps single-quoted code names', () => {
    let parseError: unknown;
    try {
      JSON.parse(`Hej ${CANARY_TEXT}`);
    } catch (error) {
      parseError = error;
    }
    expect(JSON.stringify(serializeError(parseError))).not.toContain(CANARY_TEXT);
    expect(serializeError(new TypeError("Cannot read properties of undefined (reading 'number')")).message).toBe("Cannot read properties of undefined (reading 'number')");
  });

  it('Slack and Teams library lines keep what happened and drop the payloads, names and errors\' quoted text', () => {
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write: (chunk: Buffer, _e, done) => void (lines.push(chunk.toString()), done()) }));
    const bolt = toBoltLogger(logger);
    bolt.debug(`http request body: {"channel":"C1","text":"Ring ${CANARY_NAME} om ${CANARY_TEXT}"}`);
    bolt.debug(`http request result: {"ok":true,"user":{"real_name":"${CANARY_NAME}"}}`);
    bolt.warn('Slack request refused: unreadable payload', new SyntaxError(`Unexpected token 'p', "payload=${CANARY_TEXT}" is not valid JSON`));
    toSdkLogger(logger).info('Handling activity', { type: 'message', id: 'act-1', text: CANARY_TEXT, from: { id: '29:1', name: CANARY_NAME } });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => l.msg)).toEqual(['http request body: [payload]', 'http request result: [payload]', 'Slack request refused: unreadable payload', 'Handling activity']);
    expect(logged[2]!.err).toMatchObject({ type: 'SyntaxError', message: `Unexpected token 'p', "…" is not valid JSON` });
    expect(logged[3]!.detail).toEqual([{ type: 'message', id: 'act-1' }]);
    for (const canary of CANARIES) expect(lines.join(''), `a log line carries ${canary}`).not.toContain(canary);
  });
});
