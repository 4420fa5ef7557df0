// A reply should fit a phone screen or two (issue 20): with a programme of realistic size – twelve clusters,
// forty meetings with action items, weekly notes, exchanges and a plan – no main command's reply runs past
// 25 lines as plain text, in Swedish or English, unless the reader asked for the whole list (`… all`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { renderPlainText } from '../../../handlers/core/reply.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

const MAX_LINES = 25;
const OTHER_CLUSTERS = ['Hav', 'Sol', 'Vind', 'Gruva', 'Stål', 'Batteri', 'Vätgas', 'Turism', 'Livsmedel', 'Design'];

let opened: OpenedDatabase;
let p: MeetingProgramme;

async function run(user: string, text: string) {
  const r = await p.as(user, text);
  if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`setup failed: ${text}: ${r.text}`);
}

beforeAll(async () => {
  opened = await openTestDatabase();
  p = await meetingProgramme(opened.db);
  for (const name of OTHER_CLUSTERS) await run('UPM', `cluster add ${name} sector:test`);
  await run('UPM', 'cluster role Hav @Anna deputy');
  await run('UPM', 'org add 556677-8899 "Rymdbolaget AB" type:company');
  const clusters = ['Rymd', 'Skog', ...OTHER_CLUSTERS];
  // Forty meetings over January and February, each with an action item (half of them overdue by 2 March)
  // and every fifth a meeting of two clusters.
  for (let i = 0; i < 40; i++) {
    const day = `2026-0${1 + Math.floor(i / 20)}-${String(1 + (i % 20)).padStart(2, '0')}`;
    const where = i % 5 === 0 ? `${clusters[i % 12]},${clusters[(i + 1) % 12]}` : clusters[i % 12];
    const due = i % 2 ? '2026-02-27' : '2026-04-30';
    await run('UPM', `meeting "Klusterträff ${i + 1}" date:${day} cluster:${where} kind:cluster with:"@Anna, @Erik" orgs:556677-8899\naction: Följ upp med kommunen due:${due}\ndecision: Vi kör vidare`);
  }
  await run('UANNA', 'progress cluster:Rymd done: Skickade Vinnova-utkast next: Workshop med kommunen mood:green');
  await run('UERIK', 'progress done: Skogsdag next: Ansökan mood:yellow');
  await run('UANNA', 'exchange need cluster:Rymd Hjälp med en EU-ansökan till Interreg tags:eu-projekt');
  await run('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar gärna mallar tags:eu-projekt');
  await run('UANNA', 'plan gap Rymd area:strategy Ingen strategi för testbäddar');
  await run('UANNA', 'plan gap Rymd area:finansiering Ingen basfinansiering efter 2027');
  await run('UANNA', 'plan action G1 Skriv strategi owner:@Anna due:2026-04-30');
  await run('UANNA', 'plan action G2 Ansök om Vinnova-medel owner:@Anna due:2026-05-15');
}, 300_000);
afterAll(async () => opened.close());

const MAIN = [
  ['UPM', 'help'],
  ['UPM', 'status'],
  ['UPM', 'status Rymd'],
  ['UANNA', 'status'],
  ['UANNA', 'privacy'],
  ['UPM', 'cluster list'],
  ['UPM', 'actions'],
  ['UANNA', 'actions'],
  ['UPM', 'meetings'],
  ['UANNA', 'digest preview'],
  ['UPM', 'exchange list'],
  ['UANNA', 'plan Rymd'],
  ['UANNA', 'whoami'],
] as const;

async function linesOf(language: 'sv' | 'en', user: string, command: string) {
  await run(user, `profile lang:${language}`);
  const { outcome } = await p.as(user, command);
  if (outcome.kind !== 'reply') throw new Error(`no reply to ${command}`);
  expect(outcome.reply.error, command).toBeUndefined();
  return renderPlainText(outcome.reply).split('\n').length;
}

const cases = (['sv', 'en'] as const).flatMap((language) => MAIN.map(([user, command]) => ({ language, user, command })));

describe('replies fit a phone screen', () => {
  it.each(cases)('$user `$command` in $language fits 25 lines for a programme of twelve clusters and forty meetings', async ({ language, user, command }) => {
    expect(await linesOf(language, user, command)).toBeLessThanOrEqual(MAX_LINES);
  });

  it('the rest of actions, meetings and the digest preview is one command away, and that command holds it', async () => {
    await run('UPM', 'profile lang:sv');
    const short = await p.as('UPM', 'actions');
    expect(short.text).toContain('… och 25 till: `åtgärder mina alla`');
    const mine = await p.as('UPM', 'åtgärder mina alla');
    expect(mine.text.match(/^  • A\d+ /gm)).toHaveLength(40);
    const meetings = await p.as('UPM', 'meetings');
    expect(meetings.text).toContain('… och 25 äldre: `möten till:2026-02-05`');
    const older = await p.as('UPM', 'möten till:2026-02-05');
    expect(older.text).toContain('M25 · 2026-02-05');
    await run('UANNA', 'profile lang:sv');
    const preview = await p.as('UANNA', 'digest preview');
    expect(preview.outcome.kind === 'reply' && preview.outcome.reply.buttons?.map((b) => b.command)).toEqual(['sammanfattning visa alla']);
    expect(preview.text).toContain('Veckorapporter från 2 av 12 kluster');
    const whole = await p.as('UANNA', 'sammanfattning visa alla');
    for (const name of OTHER_CLUSTERS) expect(whole.text).toContain(`${name}\n  • Ingen veckorapport än.`);
  });

  it('the whole list stays one command away: status all and privacy all still hold everything', async () => {
    await run('UPM', 'profile lang:sv');
    const all = await p.as('UPM', 'status alla');
    for (const name of ['Rymd', 'Skog', ...OTHER_CLUSTERS]) expect(all.text).toContain(`${name} (ledare:`);
    await run('UANNA', 'profile lang:sv');
    const privacy = await p.as('UANNA', 'integritet allt');
    expect(privacy.text).toContain('Det här finns lagrat om dig');
    expect(privacy.text.split('\n').length).toBeGreaterThan(MAX_LINES);
  });
});
