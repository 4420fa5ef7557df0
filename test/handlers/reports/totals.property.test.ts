// Totals that agree by construction (issue 20): random histories are played through the core commands —
// four clusters, meetings of one to four of them with action items (some done, some overdue), guests,
// deleted meetings, notes, weekly notes, plan actions, a handover, a forget-me and retired clusters, with time
// passing — and
// every figure `status` (programme, one cluster, a leader's own clusters), the dashboard data and the funder
// export show is compared with BOTH the length of the list it summarises (read through the functions those
// lists are read with) AND a count computed here from the generated history itself.
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { clusters as clustersTable, exportFiles } from '../../../db/schema/index.js';
import { addDays, dayIn } from '../../../handlers/core/dates.js';
import { loadProgrammeView } from '../../../handlers/dashboard/dashboard-data.js';
import { t } from '../../../handlers/i18n/index.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';
import { figuresOf } from './totals-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// Each run plays a whole programme through the core: a small count keeps `npm test` quick,
// `npm run test:slow` (LOKET_SLOW) runs the full count.
const numRuns = process.env.LOKET_SLOW ? 100 : 20;
// A run plays one to two dozen commands; allow for a shared, slow machine.
const RUN_MS = 6_000;
const TZ = 'Europe/Stockholm';
const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const CLUSTERS = ['Rymd', 'Skog', 'Sol', 'Hav'] as const;
type Cluster = (typeof CLUSTERS)[number];
const PEOPLE = ['Petra', 'Anna', 'Erik', 'Dana', 'Nils', 'Olle'] as const;
type Name = (typeof PEOPLE)[number];
const USER: Record<Name, string> = { Petra: 'UPM', Anna: 'UANNA', Erik: 'UERIK', Dana: 'UDANA', Nils: 'UNILS', Olle: 'UOLLE' };
const GUESTS = ['Gustav Gustavsson (Sandvik)', 'Maria Berg (LKAB)'] as const;
// Anna leads Rymd and deputises Sol: her `status` covers two clusters, and a meeting of both counts once.
const ANNA_SCOPE: Cluster[] = ['Rymd', 'Sol'];

type Step =
  | { kind: 'meeting'; clusters: Cluster[]; daysAgo: number; with: Name[]; guests: string[]; actions: { owner: Name; dueAfter: number | null }[] }
  | { kind: 'done'; action: number }
  | { kind: 'delete'; meeting: number }
  | { kind: 'plan'; cluster: Cluster; owner: Name; dueIn: number }
  | { kind: 'plan done'; action: number }
  | { kind: 'note' | 'progress' | 'review'; cluster: Cluster }
  | { kind: 'days'; days: number }
  | { kind: 'handover' }
  | { kind: 'forget'; who: 'Dana' | 'Nils' | 'Olle' }
  | { kind: 'retire'; cluster: Cluster };

const ref = fc.integer({ min: 1, max: 8 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('meeting' as const),
      clusters: fc.shuffledSubarray([...CLUSTERS], { minLength: 1, maxLength: 4 }),
      daysAgo: fc.integer({ min: 0, max: 45 }),
      with: fc.subarray([...PEOPLE]),
      guests: fc.subarray([...GUESTS]),
      actions: fc.array(fc.record({ owner: fc.constantFrom(...PEOPLE), dueAfter: fc.option(fc.integer({ min: 0, max: 60 })) }), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('done' as const), action: ref }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), meeting: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('plan' as const), cluster: fc.constantFrom(...CLUSTERS), owner: fc.constantFrom(...PEOPLE), dueIn: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('plan done' as const), action: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('note' as const, 'progress' as const, 'review' as const), cluster: fc.constantFrom(...CLUSTERS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 25 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('handover' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), who: fc.constantFrom('Dana' as const, 'Nils' as const, 'Olle' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retire' as const), cluster: fc.constantFrom(...CLUSTERS) }) },
);

/** What the history holds, kept by the test from the steps it played, not read from LOKET. */
interface Model {
  today: string;
  meetings: { clusters: Cluster[]; heldOn: string; deleted: boolean; people: Set<Name>; guests: Set<string> }[];
  actions: { meeting: number; dueOn: string | null; done: boolean }[];
  plan: { cluster: Cluster; dueOn: string; done: boolean }[];
  gaps: number;
  forgotten: Set<Name>;
  skogLeader: Name;
  /** Retired clusters take no new work; their records stay and are counted. */
  retired: Set<Cluster>;
}

const inQ1 = (day: string) => day >= Q1.from && day <= Q1.to;

async function setUp(): Promise<MeetingProgramme> {
  const p = await meetingProgramme(opened.db);
  // Mid-January, so meetings fall on both sides of the quarter's start and time can pass within it.
  p.test.clock.set(new Date('2026-01-20T09:00:00Z'));
  for (const command of ['cluster add Sol sector:energy', 'cluster add Hav sector:marine', 'cluster role Sol @Anna deputy']) {
    const r = await p.as('UPM', command);
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`setup failed: ${command}: ${r.text}`);
  }
  return p;
}

/** Plays one step as the commands a person would type, and updates the model when LOKET should act. */
async function play(p: MeetingProgramme, m: Model, s: Step): Promise<void> {
  const pm = async (text: string, mustWork = true) => {
    const r = await p.as('UPM', text);
    const refused = r.outcome.kind !== 'reply' || Boolean(r.outcome.reply.error);
    if (mustWork && refused) throw new Error(`refused: ${text}: ${r.text}`);
    return !refused;
  };
  const known = (n: Name) => !m.forgotten.has(n);
  const atWork = (c: Cluster) => !m.retired.has(c);
  switch (s.kind) {
    case 'meeting': {
      // A retired cluster takes no new meetings: the history goes on with the clusters still at work.
      if (!s.clusters.every(atWork)) return;
      const heldOn = addDays(m.today, -s.daysAgo);
      // The logger is always among the participants, whether or not LOKET adds them itself.
      const people = new Set<Name>(['Petra', ...s.with.filter(known)]);
      const withList = [...[...people].map((n) => `@${n}`), ...s.guests].join(', ');
      const actions = s.actions.map((a) => ({ owner: known(a.owner) ? a.owner : 'Petra', dueOn: a.dueAfter === null ? null : addDays(heldOn, a.dueAfter) }));
      const lines = actions.map((a, i) => `\naction: @${a.owner} Uppgift ${i + 1}${a.dueOn ? ` due:${a.dueOn}` : ''}`).join('');
      await pm(`meeting "Möte ${m.meetings.length + 1}" date:${heldOn} cluster:${s.clusters.join(',')} with:"${withList}"${lines}`);
      m.meetings.push({ clusters: s.clusters, heldOn, deleted: false, people, guests: new Set(s.guests) });
      for (const a of actions) m.actions.push({ meeting: m.meetings.length - 1, dueOn: a.dueOn, done: false });
      return;
    }
    case 'done': {
      const action = m.actions[s.action - 1];
      const live = action !== undefined && !m.meetings[action.meeting]!.deleted;
      // An item of a deleted meeting is gone for everyone: `done` is refused and changes nothing.
      await pm(`done A${s.action}`, live);
      if (live) action.done = true;
      return;
    }
    case 'delete': {
      const meeting = m.meetings[s.meeting - 1];
      const live = meeting !== undefined && !meeting.deleted;
      await pm(`meeting delete M${s.meeting}`, live);
      if (live) meeting.deleted = true;
      return;
    }
    case 'plan': {
      if (!atWork(s.cluster)) return;
      const owner = known(s.owner) ? s.owner : 'Petra';
      const dueOn = addDays(m.today, s.dueIn);
      await pm(`plan gap ${s.cluster} area:strategy Brist ${m.gaps + 1}`);
      m.gaps += 1;
      await pm(`plan action G${m.gaps} Planåtgärd owner:@${owner} due:${dueOn}`);
      m.plan.push({ cluster: s.cluster, dueOn, done: false });
      return;
    }
    case 'plan done': {
      const action = m.plan[s.action - 1];
      if (action && !atWork(action.cluster)) return;
      await pm(`plan done P${s.action}`, action !== undefined);
      if (action) action.done = true;
      return;
    }
    case 'note':
      if (!atWork(s.cluster)) return;
      await pm(`note ${s.cluster} Anteckning om läget.`);
      return;
    case 'progress':
      if (!atWork(s.cluster)) return;
      await pm(`progress cluster:${s.cluster} done: Veckans arbete`);
      return;
    case 'review':
      if (!atWork(s.cluster)) return;
      await pm(`plan review ${s.cluster}`);
      return;
    case 'days': {
      // Time passes within the quarter; the clock stays at 10:00 Stockholm time.
      const next = addDays(m.today, s.days);
      m.today = next > Q1.to ? Q1.to : next;
      p.test.clock.set(new Date(`${m.today}T09:00:00Z`));
      return;
    }
    case 'handover': {
      const to: Name = m.skogLeader === 'Erik' ? 'Olle' : 'Erik';
      if (!known(to) || !atWork('Skog')) return;
      await pm(`handover Skog to:@${to}`);
      m.skogLeader = to;
      return;
    }
    case 'forget': {
      if (!known(s.who) || m.skogLeader === s.who) return;
      const asked = await p.as(USER[s.who], 'forget-me');
      const command = asked.outcome.kind === 'reply' ? asked.outcome.reply.buttons?.[0]?.command : undefined;
      const confirmed = await p.as(USER[s.who], command ?? 'forget-me confirm none');
      if (confirmed.outcome.kind !== 'reply' || confirmed.outcome.reply.error) throw new Error(`forget-me failed: ${confirmed.text}`);
      m.forgotten.add(s.who);
      return;
    }
    case 'retire': {
      if (!atWork(s.cluster)) return;
      await pm(`cluster retire ${s.cluster}`);
      m.retired.add(s.cluster);
      return;
    }
  }
}

/** The clusters the programme's `status` lists: those at work, and a retired one with a live meeting in the
 *  period or an open action item of a live meeting (its records are in the totals). */
function listedClusters(m: Model): Cluster[] {
  const live = m.meetings.map((x, i) => ({ ...x, i })).filter((x) => !x.deleted);
  const active = (c: Cluster) =>
    live.some((x) => x.clusters.includes(c) && (inQ1(x.heldOn) || m.actions.some((a) => a.meeting === x.i && !a.done)));
  return CLUSTERS.filter((c) => !m.retired.has(c) || active(c));
}

/** The figures the history should show, counted from the model alone. */
function expected(m: Model, scope: Cluster[] | undefined) {
  const inScope = (clusters: Cluster[]) => !scope || clusters.some((c) => scope.includes(c));
  const meetings = m.meetings.filter((x) => !x.deleted && inQ1(x.heldOn) && inScope(x.clusters));
  const open = m.actions.filter((a) => !a.done && !m.meetings[a.meeting]!.deleted && inScope(m.meetings[a.meeting]!.clusters));
  // The plan figures are over the clusters listed (all of them when asked for by name).
  const listed = scope ?? listedClusters(m);
  const plan = m.plan.filter((a) => inScope([a.cluster]) && listed.includes(a.cluster));
  return {
    meetings: meetings.length,
    actions: [open.length, open.filter((a) => a.dueOn !== null && a.dueOn < m.today).length],
    plan: [plan.filter((a) => a.done).length, plan.length, plan.filter((a) => !a.done && a.dueOn < m.today).length],
    participants: new Set(meetings.flatMap((x) => [...x.people])).size + new Set(meetings.flatMap((x) => [...x.guests])).size,
  };
}

describe('totals over random histories', () => {
  it('every total in status, the dashboard and the funder export equals its list and the count of the history', async () => {
    const repos = createRepositories(opened.db);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (steps) => {
        const p = await setUp();
        const programmeId = p.test.programme.id;
        const m: Model = { today: dayIn(TZ, p.test.clock.now()), meetings: [], actions: [], plan: [], gaps: 0, forgotten: new Set(), skogLeader: 'Erik', retired: new Set() };
        for (const s of steps) await play(p, m, s);
        const today = dayIn(TZ, p.test.clock.now());
        expect(today).toBe(m.today);
        const ids = Object.fromEntries((await opened.db.select().from(clustersTable).where(eq(clustersTable.programmeId, programmeId))).map((c) => [c.name, c.id])) as Record<Cluster, string>;
        const period = `from:${Q1.from} to:${Q1.to}`;

        // The lists, read with the functions their replies use.
        const listed = async (clusterIds?: string[]) => {
          const { actions, total } = await repos.actionItems.listOpen({ programmeId, ...(clusterIds ? { clusterIds } : {}), limit: 1000 });
          expect(actions).toHaveLength(total);
          return [actions.length, actions.filter((a) => a.dueOn !== null && a.dueOn < today).length];
        };
        const meetingList = async (cluster: Cluster) => (await repos.meetings.list({ programmeId, clusterId: ids[cluster], ...Q1, limit: 1000 })).meetings.length;
        const planList = async (cluster: Cluster) => {
          const { actions } = await repos.plans.planOf(programmeId, ids[cluster]);
          return [actions.filter((a) => a.action.doneAt).length, actions.length, actions.filter((a) => !a.action.doneAt && a.action.dueOn < today).length];
        };

        // Programme: `status` as the project manager.
        const all = expected(m, undefined);
        const status = (await p.as('UPM', `status ${period}`)).outcome;
        const listedNow = listedClusters(m);
        const retiredListed = listedNow.filter((c) => m.retired.has(c)).length;
        const clusterFigures = figuresOf(status, 'status.clusters');
        expect(clusterFigures[0]).toBe(CLUSTERS.length - m.retired.size);
        expect(clusterFigures[2] ?? 0).toBe(retiredListed);
        // `status alla` lists exactly those clusters, and its lines' open items cover the total.
        const allLines = (await p.as('UPM', `status alla ${period}`)).text.split('\n').filter((line) => line.startsWith('  • '));
        expect(allLines.map((line) => line.slice(4).split(' (')[0]).sort()).toEqual([...listedNow].sort());
        expect(figuresOf(status, 'status.meetings')).toEqual([all.meetings]);
        expect(figuresOf(status, 'status.actions')).toEqual(all.actions);
        expect(await listed()).toEqual(all.actions);
        expect(figuresOf(status, 'plan.progress_label')).toEqual(all.plan);
        const planLists = await Promise.all(listedNow.map(planList));
        expect([0, 1, 2].map((i) => planLists.reduce((sum, l) => sum + l[i]!, 0))).toEqual(all.plan);
        const allActions = await p.as('UPM', 'actions all');
        if (all.actions[0]) expect(allActions.text).toContain(t('sv', 'actions.title_all', { count: all.actions[0] }));

        // Each cluster: its row counts a meeting of several clusters in each of them.
        for (const cluster of CLUSTERS) {
          const mine = expected(m, [cluster]);
          const row = (await p.as('UPM', `status ${cluster} ${period}`)).outcome;
          expect(figuresOf(row, 'status.meetings')).toEqual([mine.meetings]);
          expect(await meetingList(cluster)).toBe(mine.meetings);
          expect(figuresOf(row, 'status.actions')).toEqual(mine.actions);
          expect(await listed([ids[cluster]])).toEqual(mine.actions);
          expect(figuresOf(row, 'plan.progress_label')).toEqual(mine.plan);
          expect(await planList(cluster)).toEqual(mine.plan);
        }

        // A leader's own clusters: one item of a meeting of both counts once.
        // Her role in a retired cluster grants nothing new, so her status covers the clusters still at work.
        const annaScope = ANNA_SCOPE.filter((c) => !m.retired.has(c));
        if (annaScope.length) {
          const anna = expected(m, annaScope);
          const annaStatus = (await p.as('UANNA', `status ${period}`)).outcome;
          expect(figuresOf(annaStatus, 'status.clusters')[0]).toBe(annaScope.length);
          expect(figuresOf(annaStatus, 'status.meetings')).toEqual([anna.meetings]);
          expect(figuresOf(annaStatus, 'status.actions')).toEqual(anna.actions);
          expect(await listed(annaScope.map((c) => ids[c]))).toEqual(anna.actions);
          expect(figuresOf(annaStatus, 'plan.progress_label')).toEqual(anna.plan);
        }

        // The dashboard: the same programme totals, and the same rows.
        const view = await loadProgrammeView({ repos, programmeId, period: Q1, today, timezone: TZ, language: 'sv' });
        expect(view.summary).toMatchObject({ clusters: CLUSTERS.length - m.retired.size, retiredClusters: retiredListed, meetings: all.meetings, openActions: all.actions[0], overdueActions: all.actions[1], planDone: all.plan[0], planTotal: all.plan[1], planOverdue: all.plan[2] });
        expect(view.totals.find((f) => f.label === t('sv', 'status.actions'))?.value).toBe(t('sv', 'status.actions_value', { open: all.actions[0]!, overdue: all.actions[1]! }));
        for (const c of view.clusters) {
          const mine = expected(m, [c.name as Cluster]);
          expect([c.meetings, c.openActions, c.overdueActions]).toEqual([mine.meetings, ...mine.actions]);
          const weeks = [...(view.activity.get(c.id)?.values() ?? [])].reduce((sum, n) => sum + n, 0);
          expect(weeks).toBe(mine.meetings);
        }

        // The funder export: each figure equals its rows and the history.
        expect((await p.as('UPM', `export format:json ${period}`)).outcome.kind).toBe('reply');
        const [file] = await opened.db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, programmeId), eq(exportFiles.name, `loket-${Q1.from}-${Q1.to}.json`)));
        const data = JSON.parse(file!.content) as { indicators: { indicator: string; value: number }[]; activities: unknown[]; participants: { name: string; organisation: string; guest: string }[] };
        const figure = (name: string) => data.indicators.find((i) => i.indicator === name)?.value;
        expect(figure('activities')).toBe(all.meetings);
        expect(data.activities).toHaveLength(all.meetings);
        const people = new Set(data.participants.filter((r) => r.guest === 'no').map((r) => r.name));
        const guests = new Set(data.participants.filter((r) => r.guest !== 'no').map((r) => `${r.name}|${r.organisation}`));
        expect(figure('participants')).toBe(people.size + guests.size);
        expect(figure('participants')).toBe(all.participants);

        // One cluster's export: a meeting of several clusters is one of its activities.
        const rymd = expected(m, ['Rymd']);
        expect((await p.as('UPM', `export Rymd format:json ${period}`)).outcome.kind).toBe('reply');
        const [own] = await opened.db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, programmeId), eq(exportFiles.name, `loket-rymd-${Q1.from}-${Q1.to}.json`)));
        const ofRymd = JSON.parse(own!.content) as typeof data;
        expect(ofRymd.indicators.find((i) => i.indicator === 'activities')?.value).toBe(rymd.meetings);
        expect(ofRymd.activities).toHaveLength(rymd.meetings);
        expect(ofRymd.indicators.find((i) => i.indicator === 'participants')?.value).toBe(rymd.participants);
      }),
      { numRuns },
    );
  }, numRuns * RUN_MS);
});
