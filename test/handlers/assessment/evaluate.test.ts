import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetingEvaluations, outboxMessages } from '../../../db/schema/index.js';
import type { Reply } from '../../../handlers/core/reply.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { say, uniqueWorkspaceId } from '../../support/test-core.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const evaluationsOf = (programmeId: string) => opened.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.programmeId, programmeId));
const questionsOf = (programmeId: string) => opened.db.select().from(outboxMessages).where(and(eq(outboxMessages.programmeId, programmeId), eq(outboxMessages.kind, 'evaluation.ask')));

describe('evaluate and rate', () => {
  it('the author asks every known participant once through the outbox; answers show in meeting show without names', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'meeting Workshop om finansiering cluster:Rymd kind:workshop with:"@Nils, @Dana, @Erik, Karin Ek (LTU)"');
    const first = await as('UANNA', 'evaluate M1');
    expect(first.text).toBe('3 deltagare får frågan om M1 privat.');
    const questions = await questionsOf(test.programme.id);
    expect(questions).toHaveLength(3);
    const question = questions[0]!.reply as unknown as Reply;
    expect(question.title).toBe('Hur användbart var Workshop om finansiering (M1, 2026-03-02)?');
    expect(question.buttons?.map((b) => b.command)).toEqual(['rate M1 1', 'rate M1 2', 'rate M1 3', 'rate M1 4', 'rate M1 5', 'rate M1']);
    const again = await as('UANNA', 'evaluate M1');
    expect(again.text).toContain('Ingen ny deltagare får frågan om M1 privat.');
    expect(again.text).toContain('3 hade redan fått den och får den inte igen.');
    // The project manager asks too: only Anna, who logged the meeting and was there, is new.
    expect((await as('UPM', 'evaluate M1')).text).toContain('En deltagare får frågan om M1 privat.');
    expect(await questionsOf(test.programme.id)).toHaveLength(4);

    expect((await as('UNILS', 'rate M1 4')).text).toContain('Tack! Ditt svar på M1: 4/5. Du kan ändra det till 2026-03-16.');
    expect((await as('UNILS', 'rate M1 5 Kontakter till två finansiärer')).text).toContain('Tack! Ditt svar på M1: 5/5 – ”Kontakter till två finansiärer”.');
    await as('UDANA', 'rate M1 3 En mall för ansökan');
    const rows = await evaluationsOf(test.programme.id);
    expect(rows.map((r) => r.usefulness).sort()).toEqual([3, 5, null, null]);
    const shown = (await as('UOLLE', 'meeting show M1')).text;
    expect(shown).toContain('Utvärdering: 2 av 4 svar, snitt 4,0');
    expect(shown).toContain('En mall för ansökan');
    expect(shown).toContain('Kontakter till två finansiärer');
    expect(shown.split('Vad deltagarna tar med sig')[1]).not.toMatch(/Nils|Dana/);
  });

  it('an answer can be changed for 14 days and is refused after, leaving the stored answer as it was', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'meeting Utbildning i klusterledning cluster:Rymd kind:training with:@Nils');
    await as('UANNA', 'evaluate M1');
    await as('UNILS', 'rate M1 2');
    test.clock.set(new Date('2026-03-15T09:00:00Z'));
    expect(errorCode(await as('UNILS', 'rate M1 3 Bra om styrelsearbete'))).toBeUndefined();
    test.clock.set(new Date('2026-03-17T09:00:00Z'));
    const late = await as('UNILS', 'rate M1 5');
    expect(errorCode(late)).toBe('eval.closed');
    expect(late.text).toContain('Utvärderingen av M1 stängde 2026-03-16');
    const [row] = await evaluationsOf(test.programme.id);
    expect([row?.usefulness, row?.comment]).toEqual([3, 'Bra om styrelsearbete']);
  });

  it('refuses a meeting with no participants LOKET knows, someone who may not ask, someone not asked and a score outside 1–5; nothing is stored or sent', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'meeting Studiebesök cluster:Rymd with:"Karin Ek (LTU)"');
    await as('UANNA', 'meeting Styrgrupp cluster:Rymd with:@Nils');
    const none = await as('UANNA', 'evaluate M1');
    expect(errorCode(none)).toBe('eval.no_participants');
    expect(none.text).toContain('M1 har inga deltagare som LOKET känner');
    const erik = await as('UERIK', 'evaluate M2');
    expect(errorCode(erik)).toBe('eval.not_allowed');
    expect(erik.text).toContain('Exempel: `evaluate M12`');
    expect(errorCode(await as('UNILS', 'rate M2 4'))).toBe('eval.not_asked');
    await as('UANNA', 'evaluate M2');
    const outside = await as('UNILS', 'rate M2 6');
    expect(errorCode(outside)).toBe('args.integer_invalid');
    expect(outside.text).toContain('”6” är inte ett heltal från 1 till 5.');
    const rows = await evaluationsOf(test.programme.id);
    expect(rows.map((r) => r.usefulness)).toEqual([null]);
    expect(await questionsOf(test.programme.id)).toHaveLength(1);
  });

  it('a Teams participant without LOKET installed is named to the asker and not marked asked; rate alone opens the answer form', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const tenant = uniqueWorkspaceId();
    await test.connectWorkspace('teams', tenant);
    await say(test.core, { platform: 'teams', workspaceId: tenant, userId: 'aad-tove', displayName: 'Tove' }, 'whoami');
    await as('UANNA', 'meeting Nätverksträff cluster:Rymd kind:network with:"@Nils, @Tove"');
    const reply = await as('UANNA', 'evaluate M1');
    expect(reply.text).toContain('En deltagare får frågan om M1 privat.');
    expect(reply.text).toContain('Kan inte nås (LOKET är inte installerat för dem i Teams eller de använder konsolen): Tove.');
    expect((await evaluationsOf(test.programme.id)).length).toBe(1);
    const { outcome } = await as('UNILS', 'rate M1');
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect([form?.verb, form?.fields.map((f) => f.key)]).toEqual(['rate', ['_text', 'score', 'comment']]);
    expect(errorCode(await as('UNILS', 'rate "M1" score:"4" comment:"Nya kontakter i Skog"'))).toBeUndefined();
    const [row] = await evaluationsOf(test.programme.id);
    expect([row?.usefulness, row?.comment]).toEqual([4, 'Nya kontakter i Skog']);
  });
});
