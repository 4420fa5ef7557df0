import type { Cluster } from '../../db/clusters.repository.js';
import { planAreas } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import type { ReplyFormField, Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { areaLabel } from '../plans/plan-areas.js';
import { EVIDENCE_MAX, areaWordIn, evidenceKeyIn } from './assess-input.js';

const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * `assess <cluster>` alone: a form (Slack modal, Teams card, console lines) with a score per area, each
 * level described, and a line of evidence. A score is sent under the area word the reader types
 * (`struktur:"3"`, `structure:"3"`) and evidence under that word with «belägg»/«evidence» joined on
 * (`strukturbelägg:"…"`), since a form cannot use one key twice: the console, which lists the fields by key,
 * never shows a score's key for evidence (assess-input.ts). Fields start from the latest assessment, if any.
 */
export async function assessForm(ctx: HandlerContext, cluster: Cluster): Promise<Reply> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const { assessment: latest } = await repos.assessments.latestOf(actor.programmeId, cluster.id);
  const fields: ReplyFormField[] = planAreas.flatMap((area): ReplyFormField[] => {
    const label = areaLabel(lang, area);
    const options = LEVELS.map((n) => ({ value: String(n), label: `${n} – ${t(lang, `assess.level.${area}.${n}`)}` }));
    const evidence = latest?.evidence[area];
    return [
      { key: areaWordIn(lang, area), label: t(lang, 'assess.field_score', { area: label }), kind: 'select', required: true, options, ...(latest ? { initial: String(latest[area]) } : {}) },
      { key: evidenceKeyIn(lang, area), label: t(lang, 'assess.field_evidence', { area: label }), kind: 'text', maxLength: EVIDENCE_MAX, ...(evidence ? { initial: evidence } : {}) },
    ];
  });
  const name = /\s/.test(cluster.name) ? `"${cluster.name}"` : cluster.name;
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(lang, 'assess.form_intro', { cluster: name }) }],
    form: { title: t(lang, 'assess.form_title'), verb: 'assess', submitLabel: t(lang, 'assess.form_submit'), language: lang, fields: [{ key: '_text', label: t(lang, 'assess.field_cluster'), kind: 'text', required: true, initial: cluster.name }, ...fields] },
  };
}
