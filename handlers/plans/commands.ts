// Development plans (issue 6): a cluster's gaps, the actions that close them and its reviews
// (docs/architecture.md "Commands"): each command declared once.
import { cluster, date, id, person, text } from '../core/arg-types.js';
import { defineCommand, mentions, option, positional } from '../core/spec.js';
import { planAction } from './plan-action.js';
import { planAreaWord } from './plan-areas.js';
import { planDone } from './plan-done.js';
import { planGap } from './plan-gap.js';
import { planReview } from './plan-review.js';
import { planShow } from './plan-show.js';

export const planCommands = [
  defineCommand({
    verb: 'plan',
    aliases: ['utvecklingsplan'],
    group: 'plans',
    summary: { sv: 'visar klustrets utvecklingsplan: brister, åtgärder, framsteg och senaste översyn', en: "shows a cluster's development plan: gaps, actions, progress and last review" },
    // Without a cluster, the asker's own first cluster.
    args: { cluster: positional.optionalRest(cluster()) },
    // Every participant may read a plan (shared knowledge).
    roles: 'everyone',
    example: 'plan Rymd',
    menu: true,
    handler: planShow,
  }),
  defineCommand({
    verb: 'plan gap',
    aliases: ['plan brist', 'plan lucka'],
    group: 'plans',
    summary: { sv: 'lägger till en brist eller utvecklingsmöjlighet i klustrets plan, inom ett område', en: "adds a gap or development potential to a cluster's plan, in one area" },
    args: {
      // Optional for a leader or deputy of exactly one cluster, whose plan it then is (as `progress`); the
      // handler tells a cluster from the description's first word and asks for what is missing.
      cluster: positional.optional(cluster(), { what: 'cluster.name_what' }),
      text: positional.optionalRest(text('beskrivning', 'description'), { what: 'plan.gap_text_what' }),
      area: option('area', ['område', 'omrade'], planAreaWord, { required: true }),
    },
    // Writing gaps, actions and reviews is for leaders, deputies and managers; the handler narrows it to the
    // cluster's own leader or deputy.
    roles: ['manager', 'leader', 'deputy'],
    example: { sv: 'plan gap Rymd område:finansiering Ingen långsiktig basfinansiering efter 2027', en: 'plan gap Rymd area:financing No long-term core funding after 2027' },
    handler: planGap,
  }),
  defineCommand({
    verb: 'plan action',
    aliases: ['plan åtgärd', 'plan atgard'],
    group: 'plans',
    summary: { sv: 'lägger till en åtgärd med ägare och slutdatum till en brist i planen', en: 'adds an action with an owner and a due date to a gap in the plan' },
    args: {
      gap: positional.required(id('G')),
      text: positional.rest(text('beskrivning', 'description'), { what: 'plan.action_text_what' }),
      owner: option('owner', ['ägare', 'agare'], person()),
      due: option('due', ['senast'], date(), { required: true, what: 'plan.due_what' }),
      // Without owner:, the person mentioned in the message owns the action.
      people: mentions(),
    },
    // Writing gaps, actions and reviews is for leaders, deputies and managers; the handler narrows it to the
    // cluster's own leader or deputy.
    roles: ['manager', 'leader', 'deputy'],
    example: { sv: 'plan action G3 Ansök om Vinnova-medel ägare:@anna senast:2026-06-30', en: 'plan action G3 Apply for Vinnova funding owner:@anna due:2026-06-30' },
    handler: planAction,
  }),
  defineCommand({
    verb: 'plan done',
    aliases: ['plan klar'],
    group: 'plans',
    summary: { sv: 'markerar en åtgärd i planen som klar', en: 'marks an action in the plan as done' },
    args: { action: positional.required(id('P')) },
    // Open like `done`: an action's owner may be any participant, and the handler allows the owner or
    // whoever may edit that cluster's plan.
    roles: 'everyone',
    example: 'plan done P9',
    handler: planDone,
  }),
  defineCommand({
    verb: 'plan review',
    aliases: ['plan granska', 'plan översyn', 'plan oversyn'],
    group: 'plans',
    summary: { sv: 'noterar att klustrets plan har setts över i dag', en: "records that the cluster's plan was reviewed today" },
    // Without a cluster: the one the asker leads or deputises, when there is exactly one (as `plan gap`).
    args: { cluster: positional.optionalRest(cluster(), { what: 'cluster.name_what' }) },
    // Writing gaps, actions and reviews is for leaders, deputies and managers; the handler narrows it to the
    // cluster's own leader or deputy.
    roles: ['manager', 'leader', 'deputy'],
    example: 'plan review Rymd',
    handler: planReview,
  }),
];
