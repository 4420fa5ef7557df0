// The programme's state, its targets, the funder's export and the audit trail (issues 6 and 9)
// (docs/architecture.md "Commands"): each command declared once.
import type { IndicatorName } from '../../db/schema/index.js';
import { cluster, date, enumOf, integer } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { audit } from './audit.js';
import { exportReport } from './export.js';
import type { ExportFormat } from './export-files.js';
import { status, statusContinuity, statusIndicators } from './status.js';
import { target } from './target.js';

/** The indicators `target` sets, in English and Swedish. */
export const indicatorWord = enumOf<IndicatorName>(
  {
    // Every logged meeting is an activity, so people also say «möten».
    activities: { sv: ['aktiviteter'], also: ['möten', 'moten', 'meetings'] },
    organisations: { sv: ['organisationer'], also: ['organizations'] },
    companies: { sv: ['företag'], also: ['foretag'] },
    participants: { sv: ['deltagare'] },
    women: { sv: ['kvinnor'] },
    men: { sv: ['män'], also: ['man'] },
    exchanges: { sv: ['utbyten'] },
    competence: { sv: ['kompetens'] },
    // Clusters whose latest self-assessment improved in at least three areas since the first (issue 23).
    improved_clusters: { sv: ['förbättrade_kluster', 'forbattrade_kluster'], also: ['improved'] },
  },
  'indikator',
  'indicator',
);

const formatWord = enumOf<ExportFormat>({ csv: { sv: [] }, json: { sv: [] } }, 'format', 'format');

/** `from:`/`to:` of a reporting period; a missing end is the current quarter's (handlers/core/period.ts). */
const period = {
  from: option('from', ['från', 'fran'], date()),
  to: option('to', ['till'], date()),
};

export const reportCommands = [
  defineCommand({
    verb: 'status',
    // Swedish says `status` too (and the sub-commands are `status indikatorer`, `status kontinuitet`), so that
    // is the name a Swedish reader is shown; `översikt` still works.
    aliases: ['status', 'översikt', 'oversikt'],
    group: 'plans',
    summary: { sv: 'programmets läge: totaler, kluster som behöver uppmärksamhet och indikatorer mot mål', en: "the programme's state: totals, clusters that need attention and indicators against targets" },
    // A cluster's name, or `all` (`alla`) and a page number for every cluster.
    args: { cluster: positional.optionalRest(cluster()), ...period },
    // Status reads every cluster for a manager and for the advisory board, which exists to follow the whole
    // programme (read-only: status changes nothing); a leader or deputy gets their own clusters only (the
    // handler scopes it), since they run those clusters and need the same overview of them.
    roles: ['manager', 'board', 'leader', 'deputy'],
    example: { sv: 'status Rymd från:2026-01-01 till:2026-03-31', en: 'status Rymd from:2026-01-01 to:2026-03-31' },
    menu: true,
    handler: status,
  }),
  // The overview fits a phone screen; the funder's figures and the continuity signals are one command (or
  // one button) away, for the programme or one cluster (issue 20).
  defineCommand({
    verb: 'status indicators',
    aliases: ['status indikatorer', 'översikt indikatorer', 'oversikt indikatorer'],
    group: 'plans',
    summary: { sv: 'indikatorerna till finansiären mot målen, för programmet eller ett kluster', en: "the funder's indicators against the targets, for the programme or one cluster" },
    args: { cluster: positional.optionalRest(cluster()), ...period },
    // The same readers as `status`, scoped the same way.
    roles: ['manager', 'board', 'leader', 'deputy'],
    example: { sv: 'status indikatorer från:2026-01-01 till:2026-03-31', en: 'status indicators from:2026-01-01 to:2026-03-31' },
    handler: statusIndicators,
  }),
  defineCommand({
    verb: 'status continuity',
    aliases: ['status kontinuitet', 'översikt kontinuitet', 'oversikt kontinuitet'],
    group: 'plans',
    summary: { sv: 'personberoende och kunskap att se över, för programmet eller ett kluster', en: 'person dependency and knowledge due for review, for the programme or one cluster' },
    args: { cluster: positional.optionalRest(cluster()) },
    roles: ['manager', 'board', 'leader', 'deputy'],
    example: { sv: 'status kontinuitet Rymd', en: 'status continuity Rymd' },
    handler: statusContinuity,
  }),
  defineCommand({
    verb: 'target',
    aliases: ['mål', 'mal'],
    group: 'plans',
    summary: { sv: 'sätter programmets mål för en indikator', en: "sets the programme's target for an indicator" },
    args: {
      indicator: positional.required(indicatorWord),
      value: positional.required(integer(0, 1_000_000, 'värde', 'value')),
    },
    // Targets are the programme's commitments to the funder: the PM's.
    roles: ['manager'],
    example: { sv: 'target företag 40', en: 'target companies 40' },
    handler: target,
  }),
  defineCommand({
    verb: 'export',
    aliases: ['exportera'],
    group: 'plans',
    summary: { sv: 'skapar filer till finansiärens rapport (aktiviteter, deltagare, indikatorer) som en tidsbegränsad länk', en: "creates the funder report's files (activities, participants, indicators) as an expiring link" },
    args: { cluster: positional.optionalRest(cluster()), format: option('format', ['format'], formatWord), ...period },
    // Exports carry participants' personal data out of LOKET: the PM, and a leader for their own clusters
    // only (the handler scopes it); deputies ask their leader.
    roles: ['manager', 'leader'],
    example: { sv: 'export format:csv från:2026-01-01 till:2026-03-31', en: 'export format:csv from:2026-01-01 to:2026-03-31' },
    handler: exportReport,
  }),
  defineCommand({
    verb: 'audit',
    aliases: ['granskning', 'logg', 'revision'],
    group: 'admin',
    summary: { sv: 'visar vem som skapade, ändrade, raderade, exporterade eller lämnade över vad och när', en: 'shows who created, changed, deleted, exported or handed over what, and when' },
    args: { ...period, cluster: positional.optionalRest(cluster()) },
    // The trail names people and everything they did across all clusters; it is the programme's
    // accountability record, so only a PM reads it.
    roles: ['manager'],
    example: { sv: 'audit från:2026-03-01 till:2026-03-31 Rymd', en: 'audit from:2026-03-01 to:2026-03-31 Rymd' },
    handler: audit,
  }),
];
