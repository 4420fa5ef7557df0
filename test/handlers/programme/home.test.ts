import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { people } from '../../../db/schema/index.js';
import { createRunForPerson } from '../../../handlers/core/run-for-person.js';
import { renderPlainText } from '../../../handlers/core/reply.js';
import { home } from '../../../handlers/programme/home.js';
import { silentLogger, testSettings, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function homeOf(p: MeetingProgramme, userId: string, workspaceId = p.workspaceId) {
  const run = createRunForPerson({ db: opened.db, clock: p.test.clock, logger: silentLogger, settings: testSettings });
  const outcome = await run({ platform: 'slack', workspaceId, userId }, home, 'home');
  if (outcome.kind !== 'reply') throw new Error('no reply');
  return { reply: outcome.reply, text: renderPlainText(outcome.reply) };
}

describe('home', () => {
  it("a leader's home shows her clusters, open actions, this week's missing note and an exchange waiting for her answer", async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp cluster:Rymd\naction: @me Boka lokal due:2026-03-10');
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar tags:"eu projects"');
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    const { reply, text } = await homeOf(p, 'UANNA');
    expect(reply.title).toMatch(/^Anna i Programme /);
    expect(text).toContain('Dina kluster\n  • Rymd (klusterledare)');
    expect(text).toContain('Dina öppna åtgärder (1)\n  • A1 Boka lokal – Anna, senast 2026-03-10');
    expect(text).toContain('Veckorapport 2026-W10\n  • Rymd: saknas');
    expect(text).toContain('Behov (Rymd): Hjälp med en Interreg-ansökan');
    expect(text).toContain('X1: förslag att träffa Erik väntar på ditt svar');
    expect(reply.buttons?.map((b) => b.command)).toEqual(['progress', 'meeting', 'actions mine', 'exchange list mine', 'help']);
  });

  it('after the weekly note is posted the home says so, and a done action disappears', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp cluster:Rymd\naction: @me Boka lokal due:2026-03-10');
    await p.as('UANNA', 'progress done: Workshop next: Ansökan');
    await p.as('UANNA', 'done A1');
    const { text } = await homeOf(p, 'UANNA');
    expect(text).toContain('Rymd: inskickad ✓');
    expect(text).toContain('Du har inga öppna åtgärder.');
  });

  it('someone in no cluster gets pointers instead of empty lists, and no progress or meeting buttons', async () => {
    const p = await meetingProgramme(opened.db);
    const { reply, text } = await homeOf(p, 'UOLLE');
    expect(text).toContain('Du är inte med i något kluster ännu.');
    expect(text).not.toContain('Veckorapport');
    expect(reply.buttons?.map((b) => b.command)).toEqual(['actions mine', 'exchange list mine', 'cluster list', 'help']);
  });

  it('a person whose language is English sees the home in English', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'profile lang:en');
    const { text } = await homeOf(p, 'UERIK');
    expect(text).toContain('Your clusters\n  • Skog (cluster leader)');
    expect(text).toContain('Progress note 2026-W10\n  • Skog: missing');
  });

  it('a person of a workspace that is not connected sees only how to connect, and no person is stored', async () => {
    const p = await meetingProgramme(opened.db);
    // The deployment's default programme already has its first workspace, so a new one must join.
    const repos = createRepositories(opened.db);
    const { programme } = await repos.programmes.ensureDefault(testSettings.defaultProgrammeName);
    const { workspace } = await repos.workspaces.ensure('slack', uniqueWorkspaceId());
    await repos.workspaces.connect(workspace.id, programme.id, p.test.clock.now());
    const stranger = uniqueWorkspaceId();
    const { reply } = await homeOf(p, 'USTRANGER', stranger);
    expect(reply.error?.code).toBe('workspace.not_connected');
    expect(await opened.db.select().from(people).where(eq(people.workspaceExternalId, stranger))).toEqual([]);
  });
});
