import type { PlanArea } from '../../db/schema/index.js';
import { planAreas } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { areaLabel } from '../plans/plan-areas.js';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** `assess levels [area]`: what each score means — the form's descriptions, for the console and for anyone
 *  scoring on one line. Without an area, the lowest and highest level of each. */
export async function assessLevels(ctx: HandlerContext<{ area?: PlanArea }>): Promise<Reply> {
  const lang = ctx.actor.language;
  const { area } = ctx.args;
  if (area) {
    const items = LEVELS.map((n) => `${n} – ${t(lang, `assess.level.${area}.${n}`)}`);
    return { visibility: 'private', title: t(lang, 'assess.levels_title', { area: areaLabel(lang, area) }), blocks: [{ type: 'list', items }] };
  }
  const items = planAreas.map((a) => `${areaLabel(lang, a)}: 1 – ${t(lang, `assess.level.${a}.1`)} … 5 – ${t(lang, `assess.level.${a}.5`)}`);
  return { visibility: 'private', title: t(lang, 'assess.levels_all_title'), blocks: [{ type: 'list', items }, { type: 'text', text: t(lang, 'assess.levels_hint') }] };
}
