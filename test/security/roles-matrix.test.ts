// Every command of the registry × every role, run through the real core as a person holding exactly that
// role. The expectation is read from each command's declared roles, so a command added later is covered
// without touching this file: the core must refuse exactly the commands whose roles refuse, with the
// localised permission reply, and a refused command must write nothing.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../db/repositories.js';
import { auditLog } from '../../db/schema/index.js';
import type { OpenedDatabase } from '../../db/client.js';
import { roles, type Role } from '../../handlers/core/access.js';
import { permissionReply } from '../../handlers/core/error-replies.js';
import { replyInWords } from '../../handlers/core/reader-words.js';
import { renderPlainText } from '../../handlers/core/reply.js';
import type { IncomingMessage, Language } from '../../handlers/core/incoming.js';
import { commandRegistry } from '../../handlers/registry.js';
import { exampleIn, verbIn } from '../../handlers/core/spec.js';
import { createTestCore, say, uniqueWorkspaceId, type TestCore } from '../support/test-core.js';
import { openTestDatabase } from '../support/test-database.js';

let opened: OpenedDatabase;
/** One programme per role, so what an allowed verb changes never leaks into another role's row. */
const people = new Map<Role, { test: TestCore; from: Omit<IncomingMessage, 'text'>; restore: () => Promise<void> }>();

async function personWithRole(role: Role) {
  const test = await createTestCore({ db: opened.db });
  const repos = createRepositories(opened.db);
  const teamId = uniqueWorkspaceId('T');
  await test.connectWorkspace('slack', teamId);
  const now = test.clock.now();
  const identity = { programmeId: test.programme.id, platform: 'slack' as const, workspaceExternalId: teamId, userId: 'U0ROLE0001' };
  const { person } = await repos.people.upsert(identity, `${role}.person`, now);
  if (role === 'manager' || role === 'board') await repos.programmeRoles.grant(test.programme.id, person.id, role, null, now);
  let restore = async () => {};
  if (role === 'leader' || role === 'deputy' || role === 'member') {
    const { cluster } = await repos.clusters.create({ programmeId: test.programme.id, name: 'Rymd', sector: 'space', at: now });
    // An allowed example may change the person's own role (`leave Rymd`), so each row starts from it again.
    restore = async () => {
      await repos.clusters.setRole({ programmeId: test.programme.id, clusterId: cluster!.id, personId: person.id, role, at: now });
    };
    await restore();
  }
  people.set(role, { test, from: { platform: 'slack', workspaceId: teamId, userId: 'U0ROLE0001' }, restore });
}

beforeAll(async () => {
  opened = await openTestDatabase();
  for (const role of roles) await personWithRole(role);
});
afterAll(async () => opened.close());

const auditRows = async (programmeId: string) =>
  (await opened.db.select({ n: count() }).from(auditLog).where(eq(auditLog.programmeId, programmeId)))[0]!.n;

// As the reader gets it: the core writes the refused command in the reader's words (`arkiv exportera`).
// The refusal names the command in the reader's words (`roll`, `program bjud-in` for a Swedish reader).
const permissionText = (verb: string, language: Language) => {
  const spec = commandRegistry.find(verb)!;
  return renderPlainText(replyInWords(commandRegistry, permissionReply(verbIn(spec, language), commandRegistry.rolesFor(spec), language), language));
};

describe('roles matrix: every verb × every role, from the role table', () => {
  it('covers every command of the registry', () => {
    expect(commandRegistry.all.length).toBeGreaterThan(40);
  });

  for (const spec of commandRegistry.all) {
    const { verb } = spec;
    const example = exampleIn(spec, 'sv');
    // `programme join` runs before a programme is known and is open to all (the code is the authority).
    const allowedRoles = commandRegistry.rolesFor(spec);
    for (const role of roles) {
      const allowed = allowedRoles.includes(role);
      it(`a ${role} running “${example}” is ${allowed ? 'let through to the handler' : 'refused with the permission reply and nothing stored'}`, async () => {
        const { test, from, restore } = people.get(role)!;
        await restore();
        const before = await auditRows(test.programme.id);
        const { outcome, text } = await say(test.core, from, example);
        expect(outcome.kind).toBe('reply');
        if (outcome.kind !== 'reply') return;
        if (allowed) {
          expect(text).not.toBe(permissionText(verb, outcome.language));
          expect(outcome.reply.error?.code).not.toBe('error.generic');
        } else {
          expect(outcome.reply.error?.code).toBe('permission.denied');
          expect(text).toBe(permissionText(verb, outcome.language));
          expect(await auditRows(test.programme.id)).toBe(before);
        }
      });
    }
  }

  it('the permission reply is localised: an English speaker is refused in English, naming who may', async () => {
    const { test, from } = people.get('participant')!;
    const { text } = await say(test.core, { ...from, userId: 'U0ROLE0EN', locale: 'en-GB' }, 'cluster add Hav sector:sea');
    expect(text).toBe('You may not run `cluster add`. Who can: project manager.');
  });
});
