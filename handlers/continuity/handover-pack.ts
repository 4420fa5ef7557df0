// The handover pack: what a new leader needs to carry a cluster on, gathered in one go. The same data
// becomes a Markdown file for people and a JSON file for machines (handover-markdown.ts renders it).
import type { Cluster } from '../../db/clusters.repository.js';
import type { Repositories } from '../../db/repositories.js';
import { addDays, dayIn, daysBetween } from '../core/dates.js';
import { isoWeekOfDay, previousWeek } from '../core/weeks.js';
import { upcomingForPack } from '../agenda/upcoming-pack.js';

const PROGRESS_WEEKS = 12;
const DECISION_DAYS = 365;
/** The latest meetings, whatever their kind: a single meeting (the handover meeting itself) is not recurring. */
const RECENT_MEETINGS = 10;

export interface RecurringMeeting {
  kind: string;
  count: number;
  first: string;
  last: string;
  /** Average days between two meetings of the kind. */
  everyDays: number;
  lastTitle: string;
  /** People at at least half of them. */
  regulars: string[];
}

export type HandoverPack = Awaited<ReturnType<typeof gatherPack>>;

/** `today` and every date in the pack are days in the programme's zone (`timezone`). */
export async function gatherPack(repos: Repositories, programmeId: string, cluster: Cluster, today: string, timezone: string) {
  const r = repos.handoverPack;
  const plan = await repos.plans.planOf(programmeId, cluster.id);
  const gaps = plan.gaps.map((g) => {
    const actions = plan.actions.filter((a) => a.action.gapId === g.id).map(({ action: a, ownerName }) => ({ id: `P${a.number}`, text: a.text, owner: ownerName, due: a.dueOn, done: a.doneAt ? dayIn(timezone, a.doneAt) : null }));
    return { id: `G${g.number}`, area: g.area, text: g.text, actions, uncovered: !actions.some((a) => a.done === null) };
  });
  return {
    cluster: cluster.name,
    sector: cluster.sector,
    generatedOn: today,
    members: await r.members(programmeId, cluster.id),
    openActions: (await r.openActions(programmeId, cluster.id)).map((a) => ({ id: `A${a.number}`, text: a.text, owner: a.owner, due: a.dueOn, meeting: `M${a.meetingNumber}`, meetingOn: a.heldOn })),
    openPlanActions: gaps.flatMap((g) => g.actions.filter((a) => a.done === null).map((a) => ({ ...a, gap: g.id }))),
    plan: { lastReview: plan.lastReview, gaps },
    progress: await r.progress(programmeId, cluster.id, previousWeek(isoWeekOfDay(today), PROGRESS_WEEKS - 1)),
    decisions: (await r.decisions(programmeId, cluster.id, addDays(today, -DECISION_DAYS))).map((d) => ({ meeting: `M${d.meetingNumber}`, date: d.heldOn, title: d.title, text: d.text })),
    organisations: (await r.organisations(programmeId, cluster.id)).map((o) => ({ ...o, meeting: `M${o.meetingNumber}` })),
    contacts: (await r.contacts(programmeId, cluster.id)).map((c) => ({ ...c, meeting: `M${c.meetingNumber}` })),
    openExchanges: await r.openExchanges(programmeId, cluster.id),
    learnings: (await r.learnings(programmeId, cluster.id, timezone)).map((l) => ({ ...l, exchange: `X${l.number}` })),
    recurringMeetings: recurringMeetings(await r.meetings(programmeId, cluster.id)),
    recentMeetings: (await r.recentMeetings(programmeId, cluster.id, RECENT_MEETINGS)).map((m) => ({ id: `M${m.number}`, date: m.heldOn, kind: m.kind, title: m.title, people: m.people })),
    // Planned meetings (issue 22) with their agendas: what the new leader walks into.
    upcomingMeetings: await upcomingForPack(repos, programmeId, cluster.id, today, timezone),
  };
}

/** Meeting kinds held at least twice: how often, when last, and who usually comes. */
export function recurringMeetings(meetings: { heldOn: string; kind: string; title: string; people: string | null }[]): RecurringMeeting[] {
  const byKind = new Map<string, typeof meetings>();
  for (const m of meetings) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  const result: RecurringMeeting[] = [];
  for (const [kind, list] of byKind) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const seen = new Map<string, number>();
    for (const m of sorted) for (const name of (m.people ?? '').split(', ').filter(Boolean)) seen.set(name, (seen.get(name) ?? 0) + 1);
    const regulars = [...seen].filter(([, n]) => n * 2 >= sorted.length).map(([name]) => name).sort();
    const everyDays = Math.round(daysBetween(first.heldOn, last.heldOn) / (sorted.length - 1));
    result.push({ kind, count: sorted.length, first: first.heldOn, last: last.heldOn, everyDays, lastTitle: last.title, regulars });
  }
  return result.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}
