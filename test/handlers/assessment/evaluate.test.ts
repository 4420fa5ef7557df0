import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetingEvaluations, outboxMessages } from '../../../db/schema/index.js';
import type { Reply } from '../../../handlers/core/reply.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { say, uniqueWorkspaceId } from '../../support/test-core.js';
import { formValuesToCommand } from '../../../bot/slack/render-modal.js';
import { formDataToCommand } from '../../../bot/teams/render-form.js';

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

  it('an answer, and what the person will use alone, can be changed for 14 days and is refused after, leaving the stored answer as it was', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'meeting Utbildning i klusterledning cluster:Rymd kind:training with:@Nils');
    await as('UANNA', 'evaluate M1');
    const early = await as('UNILS', 'rate M1 Bra om styrelsearbete');
    expect(errorCode(early)).toBe('eval.score_missing');
    expect((await evaluationsOf(test.programme.id)).map((r) => [r.usefulness, r.comment])).toEqual([[null, null]]);
    await as('UNILS', 'rate M1 2');
    test.clock.set(new Date('2026-03-15T09:00:00Z'));
    expect(errorCode(await as('UNILS', 'rate M1 3 Bra om styrelsearbete'))).toBeUndefined();
    // Only the comment: the score stays.
    const changed = await as('UNILS', 'rate M1 Mallen för styrelsens årshjul');
    expect(errorCode(changed)).toBeUndefined();
    expect(changed.text).toContain('Tack! Ditt svar på M1: 3/5 – ”Mallen för styrelsens årshjul”. Du kan ändra det till 2026-03-16.');
    const decimal = await as('UNILS', 'rate M1 4,5');
    expect(errorCode(decimal)).toBe('args.integer_invalid');
    expect(decimal.text).toContain('”4,5” är inte ett heltal från 1 till 5.');
    test.clock.set(new Date('2026-03-17T09:00:00Z'));
    const late = await as('UNILS', 'rate M1 5');
    expect(errorCode(late)).toBe('eval.closed');
    expect(late.text).toContain('Utvärderingen av M1 stängde 2026-03-16');
    expect(errorCode(await as('UNILS', 'rate M1 Något annat'))).toBe('eval.closed');
    const [row] = await evaluationsOf(test.programme.id);
    expect([row?.usefulness, row?.comment]).toEqual([3, 'Mallen för styrelsens årshjul']);
  });

  it('refuses a meeting with no other participants LOKET knows, someone who may not ask, someone not asked and a score outside 1–5; nothing is stored or sent', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    // Anna, who logs it, is its only participant LOKET knows.
    await as('UANNA', 'meeting Studiebesök cluster:Rymd with:"Karin Ek (LTU)"');
    await as('UANNA', 'meeting Styrgrupp cluster:Rymd with:@Nils');
    const none = await as('UANNA', 'evaluate M1');
    expect(errorCode(none)).toBe('eval.only_asker');
    // The example names Anna's own meeting that can be evaluated, not a placeholder.
    expect(none.text).toContain('Exempel: `utvärdera M2`');
    const erik = await as('UERIK', 'evaluate M2');
    expect(errorCode(erik)).toBe('eval.not_allowed');
    // Erik has logged no meeting to evaluate: the example lists the meetings instead of naming one.
    expect(erik.text).toContain('Exempel: `möten`');
    expect(erik.text).not.toContain('M12');
    const notAsked = await as('UNILS', 'rate M2 4');
    expect(errorCode(notAsked)).toBe('eval.not_asked');
    expect(notAsked.text).toContain('Exempel: `möten`');
    await as('UANNA', 'evaluate M2');
    const outside = await as('UNILS', 'rate M2 6');
    expect(errorCode(outside)).toBe('args.integer_invalid');
    expect(outside.text).toContain('”6” är inte ett heltal från 1 till 5.');
    expect(outside.text).toContain('Exempel: `betygsätt M2 4 Kontakter för ett gemensamt projekt`');
    await as('UNILS', 'profile språk:engelska');
    const english = await as('UNILS', 'rate M1 4');
    expect(errorCode(english)).toBe('eval.not_asked');
    expect(english.text).toContain('Example: `rate M2 4 Contacts for a joint project`');
    const rows = await evaluationsOf(test.programme.id);
    expect(rows.map((r) => r.usefulness)).toEqual([null]);
    expect(await questionsOf(test.programme.id)).toHaveLength(1);
  });

  it.each([
    ['sv', 'Du är den enda deltagaren i M1 som LOKET känner, så ingen annan kan få frågan och ingenting skickas'],
    ['en', 'You are the only participant in M1 LOKET knows, so nobody else can be asked and nothing is sent'],
  ])('the asker as the only participant LOKET knows is told plainly that nobody else can be asked (%s); nothing is queued', async (language, shown) => {
    const { test, as } = await meetingProgramme(opened.db);
    if (language === 'en') await as('UANNA', 'profile språk:engelska');
    await as('UANNA', 'meeting Workshop cluster:Rymd kind:workshop with:"@Anna, Karin Ek (LTU)"');
    const reply = await as('UANNA', 'evaluate M1');
    expect(errorCode(reply)).toBe('eval.only_asker');
    expect(reply.text).toContain(shown);
    expect(reply.text).not.toMatch(/inga deltagare|no participants/);
    expect(await evaluationsOf(test.programme.id)).toEqual([]);
    expect(await questionsOf(test.programme.id)).toEqual([]);
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

  it('the binder\'s refusals of evaluate and rate (no id, a wrong id) name a real meeting of the asker, or the meetings list, instead of M12; nothing is stored or sent', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'meeting Styrgrupp cluster:Rymd with:@Nils');
    await as('UANNA', 'meeting Nätverksträff cluster:Rymd kind:network with:"@Nils, @Dana"');
    const bare = await as('UANNA', 'evaluate');
    expect(errorCode(bare)).toBe('args.missing');
    // The newest meeting Anna logged with others LOKET knows.
    expect(bare.text).toContain('Exempel: `utvärdera M2`');
    const wrongId = await as('UANNA', 'utvärdera A3');
    expect(errorCode(wrongId)).toBe('args.id_invalid');
    expect(wrongId.text).toContain('Exempel: `utvärdera M2`');
    // Olle logged nothing and was asked nothing: the example is the command that lists the meetings.
    const olle = await as('UOLLE', 'evaluate');
    expect(olle.text).toContain('Exempel: `möten`');
    expect(olle.text).not.toMatch(/`(?:rate|evaluate) M12/);
    await as('UANNA', 'evaluate M1');
    // Nils was asked about M1 only: his example names it, score and all.
    const rateWrong = await as('UNILS', 'rate X9 4');
    expect(errorCode(rateWrong)).toBe('args.id_invalid');
    expect(rateWrong.text).toContain('Exempel: `betygsätt M1 4 Kontakter för ett gemensamt projekt`');
    await as('UOLLE', 'profile språk:engelska');
    const english = await as('UOLLE', 'rate X9 4');
    expect(errorCode(english)).toBe('args.id_invalid');
    expect(english.text).toContain('Example: `meetings`');
    // The refusal itself shows an id's shape (M12); the example names no meeting that is not there.
    expect(english.text).not.toMatch(/`(?:rate|evaluate) M12/);
    expect((await evaluationsOf(test.programme.id)).map((r) => r.usefulness)).toEqual([null]);
    expect(await questionsOf(test.programme.id)).toHaveLength(1);
  });

  it('what the person will use can be removed within the 14 days, with a dash or by emptying the form\'s field, stored as null; after, it is refused and kept', async () => {
    const { test, as, workspaceId } = await meetingProgramme(opened.db);
    // What the adapters send from a submitted form (bot/slack/to-incoming.ts, bot/teams/teams-adapter.ts).
    const submit = (text: string) => say(test.core, { platform: 'slack', workspaceId, userId: 'UNILS', fromForm: true }, text);
    await as('UANNA', 'meeting Utbildning i klusterledning cluster:Rymd kind:training with:@Nils');
    await as('UANNA', 'evaluate M1');
    const stored = async () => (await evaluationsOf(test.programme.id)).map((r) => [r.usefulness, r.comment]);
    const commented = await as('UNILS', 'rate M1 4 Kontakter till Vinnova');
    expect(commented.text).toContain('Ta bort kommentaren med `betygsätt M1 -`.');
    const cleared = await as('UNILS', 'rate M1 -');
    expect(errorCode(cleared)).toBeUndefined();
    expect(cleared.text).toBe('Din kommentar till M1 är borttagen; ditt svar är 4/5. Du kan ändra det till 2026-03-16.');
    expect(await stored()).toEqual([[4, null]]);
    // A new score and the dash: both at once.
    await as('UNILS', 'rate M1 5 Mallen för årshjulet');
    expect(await stored()).toEqual([[5, 'Mallen för årshjulet']]);
    expect((await as('UNILS', 'rate M1 3 –')).text).toContain('Din kommentar till M1 är borttagen; ditt svar är 3/5.');
    expect(await stored()).toEqual([[3, null]]);
    // The form opens with the comment filled in; Slack sends an emptied field as null, and the adapter
    // leaves the key out (bot/slack/render-modal.ts): the comment is removed, the score kept as chosen.
    await as('UNILS', 'rate M1 4 Bra exempel på medlemsdialog');
    const slack = formValuesToCommand('rate', { _text: { value: { type: 'plain_text_input', value: 'M1' } }, score: { value: { type: 'static_select', selected_option: { value: '2' } } }, comment: { value: { type: 'plain_text_input', value: null } } } as never);
    expect(slack).toBe('rate "M1" score:"2"');
    expect((await submit(slack)).text).toContain('Din kommentar till M1 är borttagen; ditt svar är 2/5.');
    expect(await stored()).toEqual([[2, null]]);
    // The same text typed (the console's form syntax) changes the score only, as `rate M1 2` does.
    await as('UNILS', 'rate M1 4 Bra exempel på medlemsdialog');
    expect((await as('UNILS', slack)).text).toContain('Bra exempel på medlemsdialog');
    expect(await stored()).toEqual([[2, 'Bra exempel på medlemsdialog']]);
    await as('UNILS', 'rate M1 4 Bra exempel på medlemsdialog');
    await as('UNILS', 'profile språk:engelska');
    const teams = formDataToCommand('rate', { _text: 'M1', score: '4', comment: '' });
    expect((await submit(teams)).text).toBe('Your comment on M1 is removed; your answer is 4/5. You can change it until 2026-03-16.');
    expect(await stored()).toEqual([[4, null]]);
    // Changing only the score, as the question's buttons do, keeps the comment.
    await as('UNILS', 'rate M1 4 Bra exempel på medlemsdialog');
    await as('UNILS', 'rate M1 5');
    expect(await stored()).toEqual([[5, 'Bra exempel på medlemsdialog']]);
    test.clock.set(new Date('2026-03-17T09:00:00Z'));
    expect(errorCode(await as('UNILS', 'rate M1 -'))).toBe('eval.closed');
    expect(await stored()).toEqual([[5, 'Bra exempel på medlemsdialog']]);
  });
});
