// Knowledge continuity (issue 11): hand a cluster over with a pack, mark knowledge reviewed, archive the
// programme (docs/architecture.md "Commands"): each command declared once.
import { cluster, id, person } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { archiveExample, archiveExport } from './archive.js';
import { handover, handoverExample } from './handover.js';
import { handoverPack, handoverPackExample } from './handover-pack-command.js';
import { noteReview, noteReviewExample } from './note-review.js';

export const continuityCommands = [
  defineCommand({
    verb: 'handover',
    aliases: ['överlämna', 'overlamna', 'lämna-över', 'lamna-over'],
    group: 'continuity',
    summary: {
      sv: 'lämnar över ett kluster: ledarskapet, den förra ledarens öppna åtgärder och ett överlämningspaket',
      en: "hands a cluster over: the leadership, the previous leader's open items and a handover pack",
    },
    args: {
      // One word, or quoted: a leftover word is refused rather than glued onto the cluster's name.
      cluster: positional.required(cluster(), { what: 'cluster.name_what' }),
      to: option('to', ['till'], person(), { required: true, what: 'handover.to_what' }),
      from: option('from', ['från', 'fran'], person()),
    },
    // Handing over moves leadership and other people's open work, so it is for the cluster's leader or a
    // PM (the handler checks it is that cluster's leader).
    roles: ['manager', 'leader'],
    example: handoverExample,
    handler: handover,
  }),
  defineCommand({
    verb: 'handover pack',
    aliases: ['överlämna paket', 'overlamna paket', 'överlämning paket'],
    group: 'continuity',
    summary: { sv: 'tar fram klustrets överlämningspaket utan att lämna över', en: "produces the cluster's handover pack without handing over" },
    args: { cluster: positional.required(cluster(), { what: 'cluster.name_what' }) },
    // The pack gathers the cluster's contacts in one file: a PM, or the cluster's leader or deputy (the
    // deputy may be the one taking over; the handler checks the cluster).
    roles: ['manager', 'leader', 'deputy'],
    example: handoverPackExample,
    handler: handoverPack,
  }),
  defineCommand({
    verb: 'note review',
    aliases: ['anteckning granskad', 'anteckning behåll', 'anteckning behall', 'note keep'],
    group: 'continuity',
    summary: { sv: 'markerar en kunskapspost som granskad och fortfarande sann', en: 'marks a knowledge entry reviewed and still true' },
    args: { id: positional.required(id('N'), { what: 'id.note_what' }) },
    // Anyone may try: the owner of a note can be any participant, and the handler allows the owner, the
    // cluster's leader or deputy, or a PM.
    roles: 'everyone',
    example: noteReviewExample,
    handler: noteReview,
  }),
  defineCommand({
    verb: 'archive export',
    aliases: ['arkiv exportera', 'arkiv export', 'arkivera'],
    group: 'continuity',
    summary: { sv: 'hela programmets arkiv: en HTML-fil med sökning och samma innehåll som JSON', en: "the whole programme's archive: one HTML file with search and the same content as JSON" },
    args: { cluster: positional.optional(cluster()) },
    // The archive holds everything the programme recorded, across clusters: the PM's.
    roles: ['manager'],
    example: archiveExample,
    handler: archiveExport,
  }),
];
