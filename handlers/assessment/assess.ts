import type { Assessment } from '../../db/assessments.repository.js';
import type { Cluster } from '../../db/clusters.repository.js';
import { planAreas, type PlanArea } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import { requireOpenCluster } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import type { Reply, ReplyBlock, ReplyButton } from '../core/reply.js';
import { list, t } from '../i18n/index.js';
import { areaLabel } from '../plans/plan-areas.js';
import { compare } from './assess-compare.js';
import { assessExample } from './assess-examples.js';
import { assessForm } from './assess-form.js';
import { completeScores, readAssessment } from './assess-input.js';

type AssessArgs = { cluster?: string; scores?: string };

/** `assess <cluster> area:score … ` (+ `area: evidence` lines), or `assess <cluster>` alone for the form.
 *  Leaders and deputies of the cluster and project managers; every submission is a new row. */
export async function assess(ctx: HandlerContext<AssessArgs>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const { name, own, text } = splitArgs(ctx);
  const cluster = await requireOpenCluster(ctx, name, assessExample[actor.language]);
  // The example under a refusal names the cluster the leader may assess: this one, or their own.
  if (!mayEditPlan(actor, cluster.id)) throw new LoketError('assess.not_allowed', { cluster: cluster.name }, own ? exampleIn(actor.language, own) : undefined);
  if (!text) return assessForm(ctx, cluster);
  const { input, scores } = withClusterExample(actor.language, cluster.name, () => {
    const input = readAssessment(text, ctx.command.raw, actor.language);
    return { input, scores: completeScores(input, actor.language) };
  });
  const { history } = await repos.assessments.historyOf(actor.programmeId, cluster.id);
  const now = clock.now();
  const assessedOn = dayIn(settings.timezone, now);
  // Today's earlier submission is corrected by this one, not compared with it (assessments.repository.ts).
  const previous = history.filter((h) => h.assessment.assessedOn < assessedOn).at(-1)?.assessment;
  const { assessment } = await repos.assessments.add({ programmeId: actor.programmeId, clusterId: cluster.id, authorId: actor.personId, assessedOn, scores, evidence: input.evidence, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'assessment.create', subjectType: 'cluster', subjectId: cluster.id, detail: { cluster: cluster.name }, at: now });
  const { areas: openGaps } = await repos.assessments.openGapAreas(actor.programmeId, cluster.id);
  return savedReply(actor.language, cluster, assessment, previous, openGaps);
}

/** The one-line example for a cluster, in the reader's language. */
function exampleIn(lang: Language, cluster: string): string {
  return assessExample[lang].replace('Rymd', () => (/\s/.test(cluster) ? `"${cluster}"` : cluster));
}

/** A refusal of what was typed shows the example for the cluster being assessed. */
function withClusterExample<T>(lang: Language, cluster: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof LoketError) || error.example) throw error;
    const shown = new LoketError(error.code, error.params, exampleIn(lang, cluster));
    if (error.hint) shown.withHint(error.hint.code, error.hint.params);
    throw shown;
  }
}

/** Without a cluster (or when the first word is already a score), the asker's own first cluster. */
function splitArgs(ctx: HandlerContext<AssessArgs>): { name: string | undefined; own: string | undefined; text: string | undefined } {
  const { cluster, scores } = ctx.args;
  const own = ctx.actor.clusterRoles.find((r) => r.role === 'leader' || r.role === 'deputy')?.clusterName;
  if (cluster !== undefined && /^\p{L}+:/u.test(cluster)) return { name: own, own, text: [cluster, scores].filter(Boolean).join(' ') };
  return { name: cluster ?? own, own, text: scores?.trim() || undefined };
}

function savedReply(lang: Language, cluster: Cluster, assessment: Assessment, previous: Assessment | undefined, openGaps: Set<PlanArea>): Reply {
  const comparison = previous ? compare(previous, assessment) : undefined;
  const fields = planAreas.map((area) => ({
    label: areaLabel(lang, area),
    value: previous && previous[area] !== assessment[area] ? `${assessment[area]} (${previous[area]} → ${assessment[area]})` : String(assessment[area]),
  }));
  const blocks: ReplyBlock[] = [{ type: 'text', text: t(lang, 'assess.saved', { cluster: cluster.name, date: assessment.assessedOn }) }, { type: 'fields', fields }];
  if (previous && comparison) blocks.push({ type: 'text', text: t(lang, 'assess.saved_compared', { date: previous.assessedOn, improved: comparison.improved, same: comparison.same, fell: comparison.fell }) });
  const weak = planAreas.filter((area) => assessment[area] <= 2 && !openGaps.has(area));
  const buttons = weak.map((area) => gapButton(lang, cluster, assessment, area));
  if (weak.length) blocks.push({ type: 'text', text: t(lang, 'assess.offer_gaps', { count: weak.length, areas: list(lang, weak.map((a) => areaLabel(lang, a))) }) });
  return { visibility: 'private', blocks, ...(buttons.length ? { buttons } : {}) };
}

/** Runs `plan gap` with the area and a text that names the assessment, as if the leader had typed it. */
function gapButton(lang: Language, cluster: Cluster, assessment: Assessment, area: PlanArea): ReplyButton {
  const name = /\s/.test(cluster.name) ? `"${cluster.name}"` : cluster.name;
  const text = t(lang, 'assess.gap_text', { date: assessment.assessedOn, area: areaLabel(lang, area), score: assessment[area] });
  return { label: t(lang, 'assess.offer_button', { area: areaLabel(lang, area) }), command: `plan gap ${name} area:${area} ${text}` };
}
