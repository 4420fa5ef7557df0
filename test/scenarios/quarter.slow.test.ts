// A quarter of programme life as one test (issue 20): a project manager, four leaders (one of them on
// Teams), a deputy, a successor, a member and a board member play January–March 2026 through the core, with
// the test clock moving week by week, and a slice of it through the Slack and Teams adapters over HTTP.
// At two points and at the end, the figures in `status` (programme and per cluster), the digest, the
// dashboard data and the funder export (JSON) are compared with counts this test keeps itself as it plays
// (`Tally`), never only with LOKET's own lists.
// Runs on PGlite, and again on real Postgres when TEST_DATABASE_URL is set.
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.js';
import { createRepositories } from '../../db/repositories.js';
import { clusters as clustersTable, exportFiles, meetings as meetingsTable } from '../../db/schema/index.js';
import { dayIn } from '../../handlers/core/dates.js';
import type { Outcome } from '../../handlers/core/incoming.js';
import { loadProgrammeView } from '../../handlers/dashboard/dashboard-data.js';
import { buildDigest } from '../../handlers/weekly/digest-content.js';
import { t } from '../../handlers/i18n/index.js';
import { FORM_CONTENT_TYPE, slashCommandBody } from '../support/fake-slack-api.js';
import { messageActivity, startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-teams-connector.js';
import { say } from '../support/test-core.js';
import { openTestDatabase, testDatabaseUrl } from '../support/test-database.js';
import { startSlackHarness, type SlackHarness } from '../bot/slack/slack-harness.js';
import { startTeamsServer, visibleText, type TeamsServer } from '../bot/teams/teams-server.js';
import { figuresOf } from '../handlers/reports/totals-fixture.js';
import { englishWords, swedishWords, wordsOutsideCode } from '../support/language-words.js';

const TZ = 'Europe/Stockholm';
const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const PERIOD = `from:${Q1.from} to:${Q1.to}`;
const SPACE = 'Swedish Space Cluster';
const CLUSTERS = [SPACE, 'Skog', 'Sol', 'Hav'] as const;
type Cluster = (typeof CLUSTERS)[number];
const q = (c: Cluster) => (c.includes(' ') ? `"${c}"` : c);

type Name = 'Petra' | 'Anna' | 'Erik' | 'Sara' | 'Tove' | 'Dana' | 'Olle' | 'Nils' | 'Bo';
type Gender = 'woman' | 'man' | 'other' | undefined;
const SLACK_ID: Record<Exclude<Name, 'Tove'>, string> = { Petra: 'UPM', Anna: 'UANNA', Erik: 'UERIK', Sara: 'USARA', Dana: 'UDANA', Olle: 'UOLLE', Nils: 'UNILS', Bo: 'UBO' };
const TEAMS_USER = { id: '29:1toveTeams', name: 'Tove', aadObjectId: 'aad-tove-quarter' };

interface Org { number: string; name: string; type: 'company' | 'academia' | 'public' }
const ORGS = {
  space: { number: '556677-8899', name: 'Norrbotten Space AB', type: 'company' },
  forest: { number: '556100-1008', name: 'Skogsbolaget i Norr AB', type: 'company' },
  solar: { number: '556200-1007', name: 'Solkraft AB', type: 'company' },
  ltu: { number: '202100-1009', name: 'Luleå tekniska universitet', type: 'academia' },
  region: { number: '802400-1003', name: 'Region Norrbotten', type: 'public' },
} satisfies Record<string, Org>;
type OrgKey = keyof typeof ORGS;

/** Everything the scenario did, kept by the test itself: the expected figures are counted from this. */
interface Tally {
  today: string;
  gender: Partial<Record<Name, Gender>>;
  orgOf: Partial<Record<Name, OrgKey>>;
  /** Current memberships (any role), for the organisations the clusters reach through their members. */
  members: Record<Cluster, Set<Name>>;
  meetings: { number: number; clusters: Cluster[]; kind: string; heldOn: string; deleted: boolean; people: Set<Name>; guests: Set<string>; orgs: Set<OrgKey>; decisions: number }[];
  actions: { number: number; meeting: number; dueOn: string | null; done: boolean; createdOn: string }[];
  plan: { cluster: Cluster; dueOn: string; done: boolean }[];
  exchangesDone: number;
  notes: { cluster: Cluster; week: string; author: Name }[];
  forgotten: Set<Name>;
}

function openDatabases(): { name: string; open(): Promise<OpenedDatabase> }[] {
  const url = testDatabaseUrl('optional');
  return [
    { name: 'PGlite', open: openTestDatabase },
    ...(url ? [{ name: 'Postgres', open: () => openDatabase({ databaseUrl: url, dataDir: '' }) }] : []),
  ];
}

const targets = openDatabases();

describe.each(targets)('a quarter of programme life on $name', ({ open }) => {
  let opened: OpenedDatabase;
  let slack: SlackHarness;
  let teams: TeamsServer;
  let connector: FakeTeamsConnector;
  afterAll(async () => {
    await teams?.close();
    await connector?.close();
    await slack?.close();
    await opened?.close();
  });

  it('keeps status, the digest, the dashboard and the funder export equal to what happened, week by week', async () => {
    opened = await open();
    const db = opened.db;
    const repos = createRepositories(db);
    slack = await startSlackHarness({ db });
    connector = await startFakeTeamsConnector();
    const { testCore } = slack;
    teams = await startTeamsServer({ core: testCore.core });
    const tenant = `tenant-${slack.unique('q')}`;
    await testCore.connectWorkspace('teams', tenant);
    const programmeId = testCore.programme.id;
    const clock = testCore.clock;
    await testCore.makeManager('slack', slack.teamId, 'UPM', 'Petra');

    const tally: Tally = {
      today: '', gender: {}, orgOf: {}, members: { [SPACE]: new Set(), Skog: new Set(), Sol: new Set(), Hav: new Set() } as Tally['members'],
      meetings: [], actions: [], plan: [], exchangesDone: 0, notes: [], forgotten: new Set(),
    };
    const setDay = (day: string) => {
      clock.set(new Date(`${day}T09:00:00Z`));
      tally.today = day;
      expect(dayIn(TZ, clock.now())).toBe(day);
    };

    // ── How people speak ────────────────────────────────────────────────────────────────────────────
    // Sara and Tove read English, everyone else Swedish: every reply is judged in its reader's language.
    const english = new Set<Name>(['Sara', 'Tove']);
    const language = new LanguageJudge();
    const raw = async (who: Name, text: string) => {
      language.typed(text);
      const reply = await (who === 'Tove'
        ? say(testCore.core, { platform: 'teams', workspaceId: tenant, userId: TEAMS_USER.id, displayName: TEAMS_USER.name }, text)
        : say(testCore.core, { platform: 'slack', workspaceId: slack.teamId, userId: SLACK_ID[who], displayName: who }, text));
      language.judge(english.has(who) ? 'en' : 'sv', `${who}: ${text.split('\n')[0]}`, reply.text);
      return reply;
    };
    const isRefusal = (o: Outcome) => o.kind !== 'reply' || Boolean(o.reply.error);
    /** A command that must work; returns the reply text. */
    const as = async (who: Name, text: string): Promise<{ outcome: Outcome; text: string }> => {
      const r = await raw(who, text);
      if (isRefusal(r.outcome)) throw new Error(`${who} was refused: ${text}\n→ ${r.text}`);
      return r;
    };

    /** Logs a meeting through the core (or via `send`, e.g. Slack) and keeps it in the tally. */
    const meeting = async (
      who: Name,
      m: { title: string; clusters: Cluster[]; kind: string; clusterFromLogger?: boolean; heldOn: string; with?: Name[]; guests?: string[]; orgs?: OrgKey[]; decisions?: string[]; actions?: { owner: Name; text: string; dueOn?: string }[] },
      send?: (text: string) => Promise<string>,
    ) => {
      // The logger names themselves: LOKET does not yet count the logger of a meeting as a participant
      // (issue 20, «Deltagare: 0» on a study trip), and the funder's figures here are about who took part.
      // A meeting is logged once it has been held (a date after today is refused): the day moves on to it.
      if (m.heldOn > tally.today) setDay(m.heldOn);
      const people = [...new Set<Name>([who, ...(m.with ?? [])])];
      const withList = [...people.map((n) => (n === who ? '@me' : `@${n}`)), ...(m.guests ?? [])].join(', ');
      const lines = [
        `meeting "${m.title}" date:${m.heldOn} kind:${m.kind}${m.clusters.length && !m.clusterFromLogger ? ` cluster:${m.clusters.map(q).join(',')}` : ''}${withList ? ` with:"${withList}"` : ''}${m.orgs?.length ? ` orgs:${m.orgs.map((o) => ORGS[o].number).join(',')}` : ''}`,
        ...(m.decisions ?? []).map((d) => `decision: ${d}`),
        ...(m.actions ?? []).map((a) => `action: @${a.owner} ${a.text}${a.dueOn ? ` due:${a.dueOn}` : ''}`),
      ].join('\n');
      const number = tally.meetings.length + 1;
      const text = send ? await send(lines) : (await as(who, lines)).text;
      expect(text).toContain(`M${number}`);
      tally.meetings.push({ number, clusters: m.clusters, kind: m.kind, heldOn: m.heldOn, deleted: false, people: new Set(people), guests: new Set((m.guests ?? []).map((g) => g.toLowerCase())), orgs: new Set(m.orgs ?? []), decisions: m.decisions?.length ?? 0 });
      for (const a of m.actions ?? []) tally.actions.push({ number: tally.actions.length + 1, meeting: number, dueOn: a.dueOn ?? null, done: false, createdOn: tally.today });
      return number;
    };
    const done = async (who: Name, action: number) => {
      await as(who, `done A${action}`);
      tally.actions[action - 1]!.done = true;
    };
    const progress = async (who: Name, cluster: Cluster, text: string, week: string) => {
      const r = await as(who, `progress cluster:${q(cluster)} done: ${text}`);
      tally.notes.push({ cluster, week, author: who });
      return r;
    };

    // ── Expected figures, from the tally alone ───────────────────────────────────────────────────────
    const inQ1 = (day: string) => day >= Q1.from && day <= Q1.to;
    const expected = (scope?: Cluster[]) => {
      const inScope = (cs: Cluster[]) => !scope || cs.some((c) => scope.includes(c));
      const live = tally.meetings.filter((m) => !m.deleted && inQ1(m.heldOn) && inScope(m.clusters));
      const open = tally.actions.filter((a) => !a.done && !tally.meetings[a.meeting - 1]!.deleted && inScope(tally.meetings[a.meeting - 1]!.clusters));
      const plan = tally.plan.filter((p) => inScope([p.cluster]));
      const people = new Set(live.flatMap((m) => [...m.people]));
      const guests = new Set(live.flatMap((m) => [...m.guests]));
      const participated = new Set<OrgKey>([...live.flatMap((m) => [...m.orgs]), ...[...people].flatMap((p) => (tally.orgOf[p] ? [tally.orgOf[p]!] : []))]);
      const memberOrgs = (scope ?? [...CLUSTERS]).flatMap((c) => [...tally.members[c]].flatMap((p) => (tally.orgOf[p] ? [tally.orgOf[p]!] : [])));
      const reached = new Set<OrgKey>([...participated, ...memberOrgs]);
      const genders = [...people].map((p) => tally.gender[p]);
      return {
        meetings: live.length,
        actions: [open.length, open.filter((a) => a.dueOn !== null && a.dueOn < tally.today).length],
        plan: [plan.filter((p) => p.done).length, plan.length, plan.filter((p) => !p.done && p.dueOn < tally.today).length],
        participants: people.size + guests.size,
        women: genders.filter((g) => g === 'woman').length,
        men: genders.filter((g) => g === 'man').length,
        organisations: reached.size,
        companies: [...reached].filter((o) => ORGS[o].type === 'company').length,
        participated: participated.size,
        competence: live.filter((m) => m.kind === 'training' || m.kind === 'study-trip').length,
        exchanges: tally.exchangesDone,
      };
    };

    /** The content of the stored file a reply links to (`…/files/<id>/<name>`), by the name's ending. */
    const linkedFile = async (reply: string, ending: string): Promise<string> => {
      const id = [...reply.matchAll(/files\/([0-9a-f-]{36})\/(\S+)/g)].find((m) => m[2]!.endsWith(ending))?.[1];
      if (!id) throw new Error(`no link to a file ending ${ending} in: ${reply}`);
      const [file] = await db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, programmeId), eq(exportFiles.id, id)));
      return file!.content;
    };

    const clusterIds = async () =>
      Object.fromEntries((await db.select().from(clustersTable).where(eq(clustersTable.programmeId, programmeId))).map((c) => [c.name, c.id])) as Record<Cluster, string>;

    /** Status (PM, each cluster, the board), the dashboard data and the funder export against the tally. */
    const checkFigures = async (label: string) => {
      const all = expected();
      const status = (await as('Petra', `status ${PERIOD}`)).outcome;
      expect(figuresOf(status, 'status.clusters')[0], label).toBe(CLUSTERS.length);
      expect(figuresOf(status, 'status.meetings'), `${label}: status meetings`).toEqual([all.meetings]);
      expect(figuresOf(status, 'status.actions'), `${label}: status actions`).toEqual(all.actions);
      expect(figuresOf(status, 'plan.progress_label'), `${label}: status plan`).toEqual(all.plan);
      // The advisory board follows the programme: the same figures, read-only.
      const board = (await as('Bo', `status ${PERIOD}`)).outcome;
      expect(figuresOf(board, 'status.meetings')).toEqual([all.meetings]);
      expect(figuresOf(board, 'status.actions')).toEqual(all.actions);
      // A leader sees their own cluster's figures: Anna on Slack, Tove on Teams.
      for (const [who, cluster] of [['Anna', SPACE], ['Tove', 'Hav']] as const) {
        const own = (await as(who, `status ${PERIOD}`)).outcome;
        const mine = expected([cluster]);
        expect(figuresOf(own, 'status.meetings'), `${label}: ${who}'s status`).toEqual([mine.meetings]);
        expect(figuresOf(own, 'status.actions'), `${label}: ${who}'s status`).toEqual(mine.actions);
      }
      // `actions all` lists each item once, however many clusters its meeting had.
      const { total } = await repos.actionItems.listOpen({ programmeId, limit: 1000 });
      expect(total, `${label}: actions all`).toBe(all.actions[0]);

      for (const cluster of CLUSTERS) {
        const mine = expected([cluster]);
        const row = (await as('Petra', `status ${q(cluster)} ${PERIOD}`)).outcome;
        expect(figuresOf(row, 'status.meetings'), `${label}: ${cluster} meetings`).toEqual([mine.meetings]);
        expect(figuresOf(row, 'status.actions'), `${label}: ${cluster} actions`).toEqual(mine.actions);
        expect(figuresOf(row, 'plan.progress_label'), `${label}: ${cluster} plan`).toEqual(mine.plan);
      }

      const view = await loadProgrammeView({ repos, programmeId, period: Q1, today: tally.today, timezone: TZ, language: 'sv' });
      expect(view.summary, `${label}: dashboard`).toMatchObject({ clusters: CLUSTERS.length, meetings: all.meetings, openActions: all.actions[0], overdueActions: all.actions[1], planDone: all.plan[0], planTotal: all.plan[1], planOverdue: all.plan[2] });
      const i = view.indicators;
      expect({ activities: i.activities, participants: i.participants, women: i.byGender.woman ?? 0, men: i.byGender.man ?? 0, organisations: i.organisations.reached, companies: i.organisations.companies, participated: i.organisations.participated, competence: i.competence, exchanges: i.exchanges }, `${label}: dashboard indicators`).toEqual({
        activities: all.meetings, participants: all.participants, women: all.women, men: all.men, organisations: all.organisations, companies: all.companies, participated: all.participated, competence: all.competence, exchanges: all.exchanges,
      });
      const ids = await clusterIds();
      for (const c of view.clusters) {
        const mine = expected([c.name as Cluster]);
        expect([c.meetings, c.openActions, c.overdueActions], `${label}: dashboard row ${c.name}`).toEqual([mine.meetings, ...mine.actions]);
        expect([...(view.activity.get(ids[c.name as Cluster])?.values() ?? [])].reduce((s, n) => s + n, 0)).toBe(mine.meetings);
      }

      const exported = await as('Petra', `export format:json ${PERIOD}`);
      expect(exported.outcome.kind).toBe('reply');
      // The file this reply links to (the mid-quarter export wrote one of the same name).
      const data = JSON.parse(await linkedFile(exported.text, `loket-${Q1.from}-${Q1.to}.json`)) as { indicators: { indicator: string; value: number }[]; activities: { id: string }[]; participants: { name: string; guest: string }[] };
      const figure = (name: string) => data.indicators.find((x) => x.indicator === name)?.value;
      expect({
        activities: figure('activities'), rows: data.activities.length, participants: figure('participants'), women: figure('women'), men: figure('men'),
        organisations: figure('organisations'), companies: figure('companies'), participated: figure('organisations_participated'), competence: figure('competence'), exchanges: figure('exchanges'),
      }, `${label}: funder export`).toEqual({
        activities: all.meetings, rows: all.meetings, participants: all.participants, women: all.women, men: all.men,
        organisations: all.organisations, companies: all.companies, participated: all.participated, competence: all.competence, exchanges: all.exchanges,
      });
      const live = tally.meetings.filter((m) => !m.deleted && inQ1(m.heldOn)).map((m) => `M${m.number}`).sort();
      expect(data.activities.map((a) => a.id).sort()).toEqual(live);
      // A forgotten person still took part, under a pseudonym: counted above, never named.
      for (const name of tally.forgotten) expect(data.participants.map((r) => r.name), `${label}: ${name} forgotten`).not.toContain(name);
      return all;
    };

    /** The digest of the current week: per cluster, the note writers and the meetings, decisions and actions it names. */
    const checkDigest = async (label: string, week: string) => {
      const digest = await buildDigest({ repos, programmeId, now: clock.now(), timezone: TZ, language: 'sv' });
      const preview = await as('Anna', 'digest preview');
      expect(preview.text).toContain(week);
      for (const cluster of CLUSTERS) {
        const block = digest.blocks.find((b) => b.type === 'list' && (b.title === cluster || b.title?.startsWith(`${cluster} · `)));
        if (block?.type !== 'list') throw new Error(`${label}: no digest block for ${cluster}`);
        const items = block.items.join('\n');
        const notes = tally.notes.filter((n) => n.cluster === cluster && n.week === week);
        // Every other line starts with a fixed word of its own («Möte», «Beslut», «Ny åtgärd» …); a note line starts with its writer.
        const noteLines = block.items.filter((line) => !OTHER_DIGEST_LINES.some((prefix) => line.startsWith(prefix)));
        const writers = [...new Set(notes.map((n) => n.author))].sort();
        expect(noteLines.map((line) => writers.find((w) => line.startsWith(w)) ?? line).sort(), `${label}: ${cluster} notes`).toEqual(writers);
        const monday = weekStart(tally.today);
        const sunday = addDaysTo(monday, 6);
        const meetingsOfWeek = tally.meetings.filter((m) => !m.deleted && m.clusters.includes(cluster) && m.heldOn >= monday && m.heldOn <= sunday).map((m) => `M${m.number}`);
        expect((items.match(/\bM\d+\b/g) ?? []).sort(), `${label}: ${cluster} digest meetings`).toEqual(meetingsOfWeek.sort());
        const actionsShown = tally.actions.filter((a) => {
          const m = tally.meetings[a.meeting - 1]!;
          if (m.deleted || !m.clusters.includes(cluster)) return false;
          const createdThisWeek = a.createdOn >= monday && a.createdOn <= sunday;
          const overdue = !a.done && a.dueOn !== null && a.dueOn < tally.today;
          return createdThisWeek || overdue;
        }).map((a) => `A${a.number}`);
        expect([...new Set(items.match(/\bA\d+\b/g) ?? [])].sort(), `${label}: ${cluster} digest actions`).toEqual(actionsShown.sort());
        // Each as what it is now: done this week («Klar åtgärd»), past its day («Försenad»), or new.
        for (const id of actionsShown) {
          const a = tally.actions[Number(id.slice(1)) - 1]!;
          const key = a.done ? 'digest.action_done' : a.dueOn !== null && a.dueOn < tally.today ? 'digest.action_overdue' : 'digest.action_new';
          const prefix = t('sv', key, { id, text: '§', owner: '§', due: '§' }).split('§')[0]!;
          expect(block.items.find((line) => line.includes(`${id}:`)), `${label}: ${cluster} ${id}`).toMatch(new RegExp(`^${prefix}`));
        }
      }
      return digest;
    };

    // ══ Week 2 (5–11 January): the programme is set up ═══════════════════════════════════════════════
    setDay('2026-01-05');
    const profiles: [Name, Gender, OrgKey | undefined][] = [
      ['Petra', 'woman', undefined], ['Anna', 'woman', 'space'], ['Erik', 'man', 'forest'], ['Sara', 'woman', 'solar'],
      ['Dana', 'other', undefined], ['Olle', 'man', undefined], ['Nils', 'man', undefined], ['Bo', 'man', undefined], ['Tove', undefined, undefined],
    ];
    for (const [who] of profiles) await as(who, english.has(who) ? 'profile lang:en' : 'whoami');
    for (const org of Object.values(ORGS)) await as('Petra', `org add ${org.number} "${org.name}" type:${org.type}`);
    const orgList = await as('Anna', 'org list');
    for (const org of Object.values(ORGS)) expect(orgList.text).toContain(org.name);
    expect((await as('Anna', 'org list academia')).text).not.toContain(ORGS.space.name);
    for (const [who, gender, org] of profiles) {
      if (!gender && !org) continue;
      await as(who, `profile${org ? ` org:${ORGS[org].number}` : ''}${gender ? ` gender:${gender}` : ''}`);
      if (gender) tally.gender[who] = gender;
      if (org) tally.orgOf[who] = org;
    }
    await as('Petra', `cluster add "${SPACE}" sector:space`);
    await as('Petra', 'cluster add Skog sector:forest');
    await as('Petra', 'cluster add Sol sector:energy');
    await as('Petra', 'cluster add Hav sector:marine');
    // A cluster created by mistake is retired: it stays out of every figure below.
    await as('Petra', 'cluster add Testkluster sector:test');
    await as('Petra', 'cluster retire Testkluster');
    const roles: [Cluster, Name, 'leader' | 'deputy' | 'member'][] = [
      [SPACE, 'Anna', 'leader'], [SPACE, 'Dana', 'deputy'], ['Skog', 'Erik', 'leader'], ['Skog', 'Nils', 'member'], ['Skog', 'Olle', 'member'],
      ['Sol', 'Sara', 'leader'], ['Hav', 'Tove', 'leader'],
    ];
    for (const [cluster, who, role] of roles) {
      await as('Petra', `cluster role ${q(cluster)} @${who} ${role}`);
      tally.members[cluster].add(who);
    }
    await as('Petra', 'board add @Bo');

    await meeting('Anna', {
      title: 'Uppstart rymdklustret', clusters: [SPACE], kind: 'cluster', heldOn: '2026-01-05', with: ['Dana'], guests: ['Gustav Gustavsson (Konsult Gustavsson)'], orgs: ['space'],
      decisions: ['Vi söker medel för en testbädd'], actions: [{ owner: 'Anna', text: 'Skicka inbjudan till medlemmarna', dueOn: '2026-01-20' }],
    });
    await progress('Anna', SPACE, 'Skickade Vinnova-utkast', '2026-W02');
    const deputy = await progress('Dana', SPACE, 'Utbildning i exportkontroll', '2026-W02');
    expect(deputy.text).toContain('Anna');
    const shown = await as('Bo', `progress show ${q(SPACE)}`);
    expect(shown.text).toContain('Skickade Vinnova-utkast');
    expect(shown.text).toContain('Utbildning i exportkontroll');
    await checkDigest('week 2', '2026-W02');

    // ══ Week 3: a programme-wide cluster meeting, and one logged from Slack ═══════════════════════════
    setDay('2026-01-12');
    await meeting('Petra', {
      title: 'Klusterträff', clusters: [SPACE, 'Skog', 'Sol', 'Hav'], kind: 'network', heldOn: '2026-01-12', with: ['Anna', 'Erik', 'Sara', 'Tove'],
      decisions: ['Gemensam EU-ansökan', 'Träffas varje kvartal'],
      actions: [
        { owner: 'Erik', text: 'Sammanställ EU-utlysningar', dueOn: '2026-02-15' },
        { owner: 'Sara', text: 'Boka lokal för nästa träff', dueOn: '2026-03-30' },
        { owner: 'Anna', text: 'Dela presentationen', dueOn: '2026-01-16' },
        { owner: 'Tove', text: 'Kartlägg havsnäringens behov' },
      ],
    });
    // Erik logs his forest council with the Slack slash command.
    await meeting('Erik', { title: 'Skogsråd', clusters: ['Skog'], kind: 'workshop', heldOn: '2026-01-13', with: ['Nils'], orgs: ['forest'], actions: [{ owner: 'Nils', text: 'Ta fram en karta över avverkningen', dueOn: '2026-02-01' }] }, async (text) => {
      const trigger = slack.unique('trig');
      const body = slashCommandBody({ team_id: slack.teamId, user_id: SLACK_ID.Erik, text, trigger_id: trigger, response_url: slack.fake.responseUrl(trigger) });
      expect((await slack.post(body, { contentType: FORM_CONTENT_TYPE })).status).toBe(200);
      const reply = await slack.fake.waitFor((s) => s.responses.find((r) => r.id === trigger), 15_000);
      return JSON.stringify(reply.body);
    });
    await progress('Erik', 'Skog', 'Skogsrådet höll sitt första möte', '2026-W03');
    await done('Anna', 4);
    // An action created and completed in the same week is news as done, never as «Ny åtgärd».
    await checkDigest('week 3', '2026-W03');

    // ══ Week 4: a training, and Tove's weekly note from Teams ═════════════════════════════════════════
    setDay('2026-01-19');
    // Sara leads one cluster: her meeting without cluster: is Sol's. She logs none in a cluster she does not lead.
    const elsewhere = await raw('Sara', 'meeting "Skogsbesök" date:2026-01-19 cluster:Skog kind:external');
    expect(isRefusal(elsewhere.outcome), elsewhere.text).toBe(true);
    await meeting('Sara', { clusterFromLogger: true, title: 'Exportkontroll för solföretag', clusters: ['Sol'], kind: 'training', heldOn: '2026-01-20', with: [], guests: ['Lisa Ek (LTU)'], orgs: ['ltu'] });
    const teamsNote = messageActivity({ text: 'progress done: Kartlade tre hamnar next: Besök Luleå hamn', serviceUrl: connector.serviceUrl, tenantId: tenant, from: TEAMS_USER });
    expect((await teams.post(teamsNote)).status).toBeLessThan(300);
    const teamsReply = await connector.waitFor(() => true, 15_000);
    expect(visibleText(teamsReply)).toContain('2026-W04');
    language.typed('progress done: Kartlade tre hamnar next: Besök Luleå hamn');
    language.judge('en', 'Tove on Teams: progress', visibleText(teamsReply));
    tally.notes.push({ cluster: 'Hav', week: '2026-W04', author: 'Tove' });
    await progress('Sara', 'Sol', 'Utbildning i exportkontroll hölls', '2026-W04');

    // ══ Week 5: Anna is away; peer exchange starts ═══════════════════════════════════════════════════
    setDay('2026-01-26');
    await as('Anna', 'away 2026-02-02 2026-02-13');
    const need = await as('Erik', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    expect(need.text).not.toMatch(/X\d/);
    // A new offer is matched at once against the need already waiting.
    const firstOffer = await as('Sara', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
    expect(firstOffer.text).toContain('X1');
    await as('Erik', 'exchange decline X1 Vi behöver någon med havsprojekt');
    const secondOffer = await as('Tove', 'exchange offer Interreg-mallar från havsprojekt tags:"eu projects"');
    expect(secondOffer.text).toContain('X2');
    await as('Erik', 'exchange accept X2');
    await as('Tove', 'exchange accept X2');
    await as('Dana', 'exchange need Testbädd för drönare tags:drones');
    await as('Petra', 'exchange round');
    await progress('Erik', 'Skog', 'Interreg-behov publicerat', '2026-W05');

    // ══ Week 6–7: a study trip, a board meeting and the plan ═════════════════════════════════════════
    setDay('2026-02-02');
    await meeting('Dana', { title: 'Studieresa till Esrange', clusters: [SPACE], kind: 'study-trip', heldOn: '2026-02-03', with: ['Nils'], guests: ['Karin Berg (Esrange)'] });
    await as('Petra', `plan gap ${q(SPACE)} area:financing Ingen långsiktig finansiering`);
    await as('Petra', 'plan action G1 Ansök om basfinansiering owner:@Anna due:2026-02-20');
    tally.plan.push({ cluster: SPACE, dueOn: '2026-02-20', done: false });
    await as('Petra', 'plan action G1 Bjud in regionen owner:@Dana due:2026-03-25');
    tally.plan.push({ cluster: SPACE, dueOn: '2026-03-25', done: false });
    await as('Sara', 'plan gap Sol area:services Saknar rådgivning');
    await as('Sara', 'plan action G2 Starta rådgivning owner:@Sara due:2026-04-10');
    tally.plan.push({ cluster: 'Sol', dueOn: '2026-04-10', done: false });
    setDay('2026-02-09');
    await meeting('Petra', { title: 'Styrgrupp', clusters: [], kind: 'board', heldOn: '2026-02-10', with: ['Bo'], orgs: ['region'], decisions: ['Budgeten för 2026 fastställs'] });
    await meeting('Tove', { title: 'Hamnmöte', clusters: ['Hav'], kind: 'external', heldOn: '2026-02-11', guests: ['Per Holm (Luleå hamn)'], actions: [{ owner: 'Tove', text: 'Skriv minnesanteckningar', dueOn: '2026-02-13' }] });
    await done('Tove', 7);
    await progress('Dana', SPACE, 'Studieresan gav två nya kontakter', '2026-W07');
    await checkDigest('week 7', '2026-W07');
    await checkFigures('mid-quarter');

    // ══ Week 8–9: the exchange is done, Skog is handed over ══════════════════════════════════════════
    setDay('2026-02-16');
    await as('Erik', 'exchange done X2 learned: Börja med en skiss på en sida innan partnerna tillfrågas.');
    tally.exchangesDone += 1;
    await as('Petra', 'plan done P2');
    tally.plan[1]!.done = true;
    setDay('2026-02-23');
    await as('Erik', 'handover Skog to:@Olle');
    await meeting('Olle', { title: 'Överlämning Skog', clusters: ['Skog'], kind: 'cluster', heldOn: '2026-02-23', with: ['Erik'] });
    await as('Erik', 'leave Skog');
    tally.members.Skog.delete('Erik');
    const packReply = await as('Olle', 'handover pack Skog');
    // The pack for the new leader holds the handover meeting itself (the file the reply links to).
    expect(await linkedFile(packReply.text, '.md')).toContain('Överlämning Skog');
    await progress('Olle', 'Skog', 'Tog över klustret', '2026-W09');

    // ══ Week 10–11: a meeting logged by mistake, a joint workshop ════════════════════════════════════
    setDay('2026-03-02');
    const wrong = await meeting('Sara', { title: 'Fel möte', clusters: ['Sol'], kind: 'member', heldOn: '2026-03-02', actions: [{ owner: 'Sara', text: 'Ska bort' }] });
    await as('Sara', `meeting delete M${wrong}`);
    tally.meetings[wrong - 1]!.deleted = true;
    setDay('2026-03-09');
    await meeting('Sara', {
      title: 'Sol och hav: energi till havs', clusters: ['Sol', 'Hav'], kind: 'workshop', heldOn: '2026-03-10', with: ['Tove', 'Olle'], orgs: ['solar'],
      decisions: ['Gemensam förstudie'], actions: [{ owner: 'Tove', text: 'Skriv förstudiens upplägg', dueOn: '2026-03-13' }, { owner: 'Sara', text: 'Fråga Energimyndigheten', dueOn: '2026-04-15' }],
    });
    await progress('Sara', 'Sol', 'Workshop med Hav', '2026-W11');

    // ══ Week 12: Nils leaves LOKET ═══════════════════════════════════════════════════════════════════
    setDay('2026-03-16');
    const asked = await as('Nils', 'forget-me');
    const confirm = asked.outcome.kind === 'reply' ? asked.outcome.reply.buttons?.[0]?.command : undefined;
    await as('Nils', confirm ?? 'forget-me confirm');
    // Erasure keeps the records and pseudonymises the person (README "Data and privacy"): Nils still took
    // part in his meetings, but his declared gender and organisation are cleared, so he counts as unknown.
    tally.forgotten.add('Nils');
    delete tally.gender.Nils;
    delete tally.orgOf.Nils;
    // Erik, who declined a proposal and has left Skog, leaves LOKET too; the next exchange round still works.
    const erik = await as('Erik', 'forget-me');
    await as('Erik', (erik.outcome.kind === 'reply' ? erik.outcome.reply.buttons?.[0]?.command : undefined) ?? 'forget-me confirm');
    tally.forgotten.add('Erik');
    delete tally.gender.Erik;
    delete tally.orgOf.Erik;
    await as('Petra', 'exchange round');
    await meeting('Anna', { title: 'Medlemsmöte rymd', clusters: [SPACE], kind: 'member', heldOn: '2026-03-17', with: ['Dana'], actions: [{ owner: 'Dana', text: 'Uppdatera medlemslistan', dueOn: '2026-03-20' }] });
    await meeting('Olle', { title: 'Skogsdag', clusters: ['Skog'], kind: 'training', heldOn: '2026-03-18', with: [], guests: ['Ida Lund (Skogsstyrelsen)'], orgs: ['forest'] });

    // ══ Week 13: the quarter closes ═════════════════════════════════════════════════════════════════
    setDay('2026-03-27');
    await progress('Anna', SPACE, 'Kvartalet sammanfattat', '2026-W13');
    await progress('Olle', 'Skog', 'Skogsdagen hölls', '2026-W13');
    await checkDigest('week 13', '2026-W13');
    const end = await checkFigures('end of quarter');
    // What the figures are, written out once, so a change in the scenario's arithmetic shows here too.
    // 12 meetings logged, one deleted; open A1 A2 A3 A5 A6 A9 A10 A11, of them A1 A2 A6 A9 A11 past due; plan P1
    // overdue, P2 done, P3 due in April; 9 people and 5 guests; women Petra, Anna, Sara; men Olle and Bo (Erik's
    // and Nils's declared genders went with forget-me; Dana declared other, Tove nothing).
    expect(end).toEqual({ meetings: 11, actions: [8, 5], plan: [1, 3, 1], participants: 14, women: 3, men: 2, organisations: 5, companies: 3, participated: 5, competence: 3, exchanges: 1 });

    // A leader's export of their own cluster: the joint meeting of all four is one of its activities.
    const space = expected([SPACE]);
    const own = JSON.parse(await linkedFile((await as('Anna', `export ${q(SPACE)} format:json ${PERIOD}`)).text, '.json')) as { indicators: { indicator: string; value: number }[]; activities: { id: string }[] };
    expect(own.activities.map((a) => a.id).sort()).toEqual(tally.meetings.filter((m) => !m.deleted && m.clusters.includes(SPACE)).map((m) => `M${m.number}`).sort());
    const ownFigure = (name: string) => own.indicators.find((x) => x.indicator === name)?.value;
    expect([ownFigure('activities'), ownFigure('participants'), ownFigure('women'), ownFigure('men'), ownFigure('competence')]).toEqual([space.meetings, space.participants, space.women, space.men, space.competence]);

    // Tallies the scenario's own history must agree with what was stored.
    const stored = await db.select().from(meetingsTable).where(eq(meetingsTable.programmeId, programmeId));
    expect(stored).toHaveLength(tally.meetings.length);
    const search = await as('Anna', 'search interreg');
    expect(search.text).toMatch(/skiss på en sida/i);
    // The quarter was played for Swedish and English readers: no reply carried the other language's words.
    expect(language.judged).toBeGreaterThan(100);
    expect(language.offenders).toEqual([]);
  }, 180_000);
});

const OTHER_DIGEST_LINES = (['digest.meeting', 'digest.decision', 'digest.action_new', 'digest.action_overdue', 'digest.action_done', 'digest.exchange_need', 'digest.no_note'] as const).map(
  (key) => t('sv', key, { id: '§', title: '§', date: '§', text: '§', owner: '§', due: '§', topic: '§', person: '§' }).split('§')[0]!,
);

function weekStart(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return addDaysTo(day, -dow);
}
function addDaysTo(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Judges every reply against its reader's language (issue 20). What people typed (titles, notes, topics,
 * names) is theirs and may be in any language, so each typed phrase is removed from a reply before LOKET's
 * own words are judged; commands in backticks and on buttons are grammar, not prose.
 */
class LanguageJudge {
  readonly offenders: string[] = [];
  judged = 0;
  private readonly phrases = new Set<string>();

  typed(text: string): void {
    for (const line of text.split('\n')) {
      for (const quoted of line.matchAll(/"([^"]+)"/g)) this.phrases.add(quoted[1]!);
      // Free text: the words left between `key:value` options and after a `key: ` line label.
      const free = line.replace(/"[^"]*"/g, ' | ').replace(/\S+:\S*/g, ' | ');
      for (const run of free.split('|').map((r) => r.trim()).filter((r) => r.includes(' '))) {
        // The verb and sub-verb lead a command; the rest is the person's own text.
        this.phrases.add(run);
        this.phrases.add(run.split(' ').slice(1).join(' '));
        this.phrases.add(run.split(' ').slice(2).join(' '));
      }
    }
  }

  judge(reader: 'sv' | 'en', said: string, reply: string): void {
    this.judged += 1;
    // Links and file names are addresses, not prose.
    let own = reply.replace(/\[([^\]:]+): [^\]]+\]/g, '[$1]').replace(/\S+:\/\/\S+/g, ' ').replace(/\S+\.(json|csv|md|html|ics)\b/g, ' ');
    for (const phrase of [...this.phrases].filter((p) => p.length > 3).sort((a, b) => b.length - a.length)) own = own.split(phrase).join(' ');
    const foreign = reader === 'sv' ? englishWords : swedishWords;
    const found = wordsOutsideCode(own).filter((w) => foreign.includes(w));
    if (found.length) this.offenders.push(`${reader} reader, ${said} → ${[...new Set(found)].join(', ')}\n${reply}`);
  }
}
