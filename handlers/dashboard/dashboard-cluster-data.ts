// One cluster's web view, from the same repositories as `status <cluster>`, `plan` and `progress show`.
import type { PlanAction, PlanGap } from '../../db/plans.repository.js';
import type { ReplyField } from '../core/reply.js';
import { daysOfWeek } from '../core/weeks.js';
import { computeIndicators, indicatorFields } from '../reports/indicators.js';
import { clusterFields, toFacts, type ClusterFacts } from '../reports/status-views.js';
import { busFactorOf } from './dashboard-continuity.js';
import { loadAssessmentChart, type AssessmentChartData } from '../assessment/assessment-dashboard.js';
import type { ViewInput } from './dashboard-data.js';

export interface ClusterView {
  programmeName: string;
  cluster: ClusterFacts;
  fields: ReplyField[];
  indicatorFields: ReplyField[];
  gaps: PlanGap[];
  actions: { action: PlanAction; ownerName: string }[];
  meetings: { number: number; heldOn: string; title: string; kind: string; decisions: number; openActions: number }[];
  /** How many people hold at least half of the cluster's knowledge, with their names (issue 11). */
  busFactor: string;
  /** The cluster's self-assessments, all of them whatever the period: the radar compares latest with first. */
  assessment: AssessmentChartData;
  /** One per writer and week (a leader's and a deputy's notes of the same week side by side). */
  notes: { isoWeek: string; author: string | null; done: string | null; next: string | null; blockers: string | null; need: string | null; mood: string | null }[];
}

// A page lists at most this many meetings of the period; the export has them all.
const MEETING_LIMIT = 200;
// Ten years of weeks of notes: more than any period the selector will ask for.
const NOTE_LIMIT = 520;

/** The cluster's view, or undefined when the id is not a cluster of this programme. */
export async function loadClusterView(input: ViewInput & { clusterId: string }): Promise<ClusterView | undefined> {
  const { repos, programmeId, clusterId, period, today, timezone, language } = input;
  const { clusters } = await repos.status.clusters({ programmeId, scope: [clusterId], ...period, today });
  if (!clusters[0]) return undefined;
  const cluster = toFacts(clusters[0], today);
  const { programme } = await repos.programmes.findById(programmeId);
  const indicators = await computeIndicators(repos, programmeId, [clusterId], period, timezone);
  const { targets } = await repos.targets.list(programmeId);
  const plan = await repos.plans.planOf(programmeId, clusterId);
  const { meetings } = await repos.meetings.list({ programmeId, clusterId, ...period, limit: MEETING_LIMIT });
  const { notes } = await repos.progress.recent(programmeId, clusterId, NOTE_LIMIT);
  const busFactor = await busFactorOf(repos, programmeId, clusterId, today, language);
  return {
    programmeName: programme?.name ?? 'LOKET',
    cluster,
    fields: clusterFields(language, cluster, indicators.openNeeds.get(clusterId) ?? 0),
    indicatorFields: indicatorFields(language, indicators, targets),
    busFactor,
    assessment: await loadAssessmentChart(repos, programmeId, clusterId, language),
    gaps: plan.gaps,
    actions: plan.actions,
    meetings: meetings.map((m) => ({ number: m.meeting.number, heldOn: m.meeting.heldOn, title: m.meeting.title, kind: m.meeting.kind, decisions: m.decisionCount, openActions: m.openActionCount })),
    // Notes of weeks that overlap the period, oldest first: a timeline reads forwards.
    notes: notes
      .filter((n) => daysOfWeek(n.isoWeek).sunday >= period.from && daysOfWeek(n.isoWeek).monday <= period.to)
      // Oldest week first; within a week, in the order the notes were written (a stable sort keeps it).
      .sort((a, b) => a.isoWeek.localeCompare(b.isoWeek))
      .map((n) => ({ isoWeek: n.isoWeek, author: n.authorName, done: n.done, next: n.next, blockers: n.blockers, need: n.need, mood: n.mood })),
  };
}
