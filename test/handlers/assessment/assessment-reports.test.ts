import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { assessments, exportFiles, meetingEvaluations, programmeTargets } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
/** Every statement sent, so a test can count those of one command. */
const seen: string[] = [];
beforeAll(async () => {
  opened = await openTestDatabase({ onStatement: (statement) => seen.push(statement) });
});
afterAll(async () => opened.close());

const readCsv = (content: string) => parse(content, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
const flat = (scores: number[]) => {
  const [a, b, c, d, e, f, g] = scores;
  return `struktur:${a} styrning:${b} finansiering:${c} tjänster:${d} samverkan:${e} erkännande:${f} strategi:${g}`;
};

/** Rymd improves in three areas between two assessments; Skog is assessed once; Nils and Dana rate a training. */
async function assessedProgramme() {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', `assess Rymd ${flat([2, 2, 2, 3, 3, 3, 3])}`);
  await p.as('UERIK', `assess Skog ${flat([4, 4, 4, 4, 4, 4, 4])}`);
  await p.as('UANNA', 'meeting Utbildning i klusterledning cluster:Rymd kind:training with:"@Nils, @Dana"');
  await p.as('UANNA', 'evaluate M1');
  await p.as('UNILS', 'rate M1 4 Verktyg för medlemsdialog');
  await p.as('UDANA', 'rate M1 5');
  p.test.clock.set(new Date('2026-03-20T09:00:00Z'));
  await p.as('UDANA', `assess Rymd ${flat([3, 3, 3, 3, 2, 3, 3])}`);
  return p;
}

describe('self-assessments and evaluations in status, target and the funder export', () => {
  it('status counts the clusters with three improved areas, status <cluster> shows the last assessment, and the full view averages per meeting kind', async () => {
    const { as } = await assessedProgramme();
    const overview = await as('UPM', 'status');
    expect(overview.text).toContain('Kluster med minst tre förbättrade områden: 1 av 2 skattade');
    expect(overview.text.split('\n').length).toBeLessThanOrEqual(25);
    expect((await as('UPM', 'status Rymd')).text).toContain('Självskattning: 2026-03-20, 3 förbättrade områden sedan första');
    expect((await as('UPM', 'status Skog')).text).toContain('Självskattning: 2026-03-02, 0 förbättrade områden sedan första');
    const full = await as('UPM', 'status indikatorer från:2026-01-01 till:2026-03-31');
    expect(full.text).toContain('Kluster med minst tre förbättrade områden: 1');
    expect(full.text).toContain('Utvärderingar per mötestyp: utbildning 4,5 (2)');
    expect(full.text.split('\n').length).toBeLessThanOrEqual(25);
  });

  it('target sets a goal for the indicator, which status indicators then shows against it', async () => {
    const { test, as } = await assessedProgramme();
    expect(errorCode(await as('UPM', 'target förbättrade_kluster 4'))).toBeUndefined();
    const [row] = await opened.db.select().from(programmeTargets).where(and(eq(programmeTargets.programmeId, test.programme.id), eq(programmeTargets.indicator, 'improved_clusters')));
    expect(row?.value).toBe(4);
    expect((await as('UPM', 'status indikatorer från:2026-01-01 till:2026-03-31')).text).toContain('Kluster med minst tre förbättrade områden: 1 av målet 4');
  });

  it('the funder export carries the indicator, the averages per kind and one row per evaluated meeting, without names', async () => {
    const { test, as } = await assessedProgramme();
    await as('UPM', 'export format:csv från:2026-01-01 till:2026-03-31');
    const files = await opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, test.programme.id));
    const byName = (suffix: string) => files.find((f) => f.name.endsWith(suffix))!.content;
    const indicators = Object.fromEntries(readCsv(byName('indicators.csv')).map((r) => [r.indikator, r.värde]));
    expect(indicators).toMatchObject({ improved_clusters: '1', assessed_clusters: '2', 'evaluation_average:training': '4.5', 'evaluation_answers:training': '2' });
    expect(readCsv(byName('evaluations.csv'))).toEqual([{ möte: 'M1', datum: '2026-03-02', typ: 'utbildning', titel: 'Utbildning i klusterledning', tillfrågade: '2', svar: '2', snitt: '4,5' }]);
    expect(files.map((f) => f.content).join('\n')).not.toContain('Verktyg för medlemsdialog');
    await as('UERIK', 'export format:json från:2026-01-01 till:2026-03-31');
    const json = (await opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, test.programme.id))).find((f) => f.name.endsWith('.json'))!;
    const parsed = JSON.parse(json.content) as { evaluations: unknown[]; indicators: { indicator: string; value: number }[] };
    // Erik's export covers Skog only: the training of Rymd is not his, and Skog has not improved.
    expect(parsed.evaluations).toEqual([]);
    expect(parsed.indicators.find((i) => i.indicator === 'improved_clusters')?.value).toBe(0);
  });

  it('status all shows each cluster\'s last assessment and the areas improved since the first, read for every cluster in one statement', async () => {
    const { test, as } = await assessedProgramme();
    await as('UPM', 'cluster add Vatten sector:water');
    await as('UPM', 'cluster add Mat sector:food');
    const stored = await opened.db.select().from(assessments).where(eq(assessments.programmeId, test.programme.id));
    expect(stored.map((a) => a.assessedOn).sort()).toEqual(['2026-03-02', '2026-03-02', '2026-03-20']);
    seen.length = 0;
    const all = await as('UPM', 'status alla');
    const lineOf = (cluster: string) => all.text.split('\n').find((l) => l.includes(`${cluster} (ledare`)) ?? '';
    expect(lineOf('Rymd')).toMatch(/ · skattad 2026-03-20, 3 förbättrade$/);
    expect(lineOf('Skog')).toMatch(/ · skattad 2026-03-02, 0 förbättrade$/);
    expect(lineOf('Vatten')).toMatch(/ · ej skattad$/);
    expect(lineOf('Mat')).toMatch(/ · ej skattad$/);
    // Four clusters, two of them assessed: the assessments are one statement, not one per cluster.
    expect(seen.filter((statement) => /\b(?:from|join) "assessments"/.test(statement))).toHaveLength(1);
    await as('UPM', 'profile språk:engelska');
    const english = (await as('UPM', 'status all')).text.split('\n');
    expect(english.find((l) => l.startsWith('• Rymd') || l.includes('Rymd (leader'))).toMatch(/ · assessed 2026-03-20, 3 improved$/);
    expect(english.find((l) => l.includes('Vatten (leader'))).toMatch(/ · not assessed$/);
  });

  it('the status overview shows the average rating per meeting kind in the period in one short field, and none without answers', async () => {
    const { test, as } = await assessedProgramme();
    await as('UANNA', 'meeting Nätverksträff om finansiering cluster:Rymd kind:network with:"@Nils, @Dana"');
    await as('UANNA', 'evaluate M2');
    await as('UNILS', 'rate M2 3');
    const answered = await opened.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.programmeId, test.programme.id));
    expect(answered.map((r) => r.usefulness).sort()).toEqual([3, 4, 5, null]);
    const overview = await as('UPM', 'status från:2026-01-01 till:2026-03-31');
    expect(overview.text).toContain('Betyg per mötestyp: nätverksmöte för klusterledare 3,0 (1) · utbildning 4,5 (2)');
    expect(overview.text.split('\n').length).toBeLessThanOrEqual(25);
    // The training was in March: a period without it shows no ratings at all.
    expect((await as('UPM', 'status från:2026-04-01 till:2026-06-30')).text).not.toContain('Betyg per mötestyp');
    await as('UPM', 'profile språk:engelska');
    expect((await as('UPM', 'status from:2026-01-01 to:2026-03-31')).text).toContain('Rating per meeting kind: leaders\' network meeting 3.0 (1) · training 4.5 (2)');
  });
});
