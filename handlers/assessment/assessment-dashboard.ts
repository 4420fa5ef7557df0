// What the web view shows of self-assessments and evaluations (issue 23), read through the same
// repositories as `assess show` and `status indicators`, labelled in the reader's language; bot/dashboard
// only draws it.
import type { Repositories } from '../../db/repositories.js';
import { planAreas } from '../../db/schema/index.js';
import type { Language } from '../core/incoming.js';
import type { Period } from '../core/period.js';
import { shortId } from '../core/short-ids.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { areaLabel } from '../plans/plan-areas.js';

export interface AssessmentChartData {
  /** The seven areas' labels, in the plan's order. */
  areas: string[];
  /** Every assessment, oldest first: its day and its scores in the order of `areas`. */
  points: { date: string; values: number[] }[];
}

export interface EvaluationKindData {
  kind: string;
  average: number | null;
  answers: number;
  meetings: number;
}

export interface EvaluatedMeetingData {
  meeting: string;
  date: string;
  kind: string;
  asked: number;
  answers: number;
  average: number | null;
  comments: string[];
}

/** Every evaluated meeting held in the period: asked, answered, average and the comments, without names. */
export async function loadEvaluatedMeetings(repos: Repositories, programmeId: string, period: Period, language: Language): Promise<EvaluatedMeetingData[]> {
  const { meetings } = await repos.evaluations.byMeeting(programmeId, period.from, period.to);
  const { comments } = await repos.evaluations.commentsInPeriod(programmeId, period.from, period.to);
  return meetings.map((m) => ({
    meeting: `${shortId('M', m.number)} ${m.title}`,
    date: m.heldOn,
    kind: kindLabel(language, m.kind),
    asked: m.asked,
    answers: m.answers,
    average: m.average === null ? null : Math.round(m.average * 10) / 10,
    comments: comments.filter((c) => c.number === m.number).map((c) => c.comment),
  }));
}

export async function loadAssessmentChart(repos: Repositories, programmeId: string, clusterId: string, language: Language): Promise<AssessmentChartData> {
  const { history } = await repos.assessments.historyOf(programmeId, clusterId);
  return {
    areas: planAreas.map((area) => areaLabel(language, area)),
    points: history.map(({ assessment }) => ({ date: assessment.assessedOn, values: planAreas.map((area) => assessment[area]) })),
  };
}

/** Answers per meeting kind for meetings held in the period, the kind named in the reader's language. */
export async function loadEvaluationKinds(repos: Repositories, programmeId: string, period: Period, language: Language): Promise<EvaluationKindData[]> {
  const { kinds } = await repos.evaluations.byKind(programmeId, period.from, period.to);
  return kinds.map((k) => ({ kind: kindLabel(language, k.kind), average: k.average === null ? null : Math.round(k.average * 10) / 10, answers: k.answers, meetings: k.meetings }));
}
