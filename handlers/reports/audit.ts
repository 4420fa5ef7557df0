import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import { requireCluster } from '../core/lookups.js';
import type { Reply } from '../core/reply.js';
import { catalogs, t, type MessageKey } from '../i18n/index.js';

export const auditExample = 'audit from:2026-03-01 to:2026-03-31 Rymd';
const SHOWN = 30;

type Listed = Awaited<ReturnType<HandlerContext['repos']['audit']['list']>>['entries'][number];

/** `audit [from:…] [to:…] [cluster]` (PM): who created, changed, deleted, exported or handed over what,
 *  newest first, with times in the programme's time zone. */
export async function audit(ctx: HandlerContext<{ from?: string; to?: string; cluster?: string }>): Promise<Reply> {
  const { args, actor, repos, settings } = ctx;
  const lang = actor.language;
  const { from, to } = args;
  if (from && to && from > to) throw new LoketError('date.range_invalid', { from, to }, auditExample);
  const cluster = args.cluster ? await requireCluster(ctx, args.cluster, auditExample) : undefined;
  const { entries, total } = await repos.audit.list({ programmeId: actor.programmeId, from, to, timezone: settings.timezone, clusterId: cluster?.id, limit: SHOWN });
  if (total === 0) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'audit.empty') }] };
  const items = entries.map((row) =>
    t(lang, 'audit.item', { when: localTime(row.entry.at, settings.timezone), who: row.actorName ?? t(lang, 'audit.system'), what: actionLabel(lang, row.entry.action), ref: subjectRef(lang, row) }),
  );
  const blocks: Reply['blocks'] = [{ type: 'list', items }];
  if (total > entries.length) blocks.push({ type: 'text', text: t(lang, 'audit.showing', { shown: entries.length, total }) });
  return { visibility: 'private', title: t(lang, 'audit.title', { count: total }), blocks };
}

/** The localised words for an action; an action this catalog does not know yet is shown by its code. */
function actionLabel(lang: Language, action: string): string {
  const key = `audit.action.${action}`;
  return Object.hasOwn(catalogs.sv, key) ? t(lang, key as MessageKey) : action;
}

/** A role in the reader's language («ersättare», not «deputy»); a role this catalog does not know is shown as stored. */
function roleLabel(lang: Language, role: string): string {
  const key = `role.${role}`;
  return Object.hasOwn(catalogs.sv, key) ? t(lang, key as MessageKey) : role;
}

/** An indicator in the reader's language («aktiviteter», not «activities»); one this catalog does not know is shown as stored. */
function indicatorLabel(lang: Language, indicator: string): string {
  const key = `indicator.${indicator}`;
  return Object.hasOwn(catalogs.sv, key) ? t(lang, key as MessageKey).toLocaleLowerCase(lang === 'sv' ? 'sv-SE' : 'en-GB') : indicator;
}

// Records whose audit row is keyed by their short id (a handover's moved items: `A1`, `P1`, `N1`).
const SHORT_ID_SUBJECTS = new Set(['action_item', 'plan_action', 'note']);

/** Which record: its short id where the entry names one, else the cluster's or person's name. */
function subjectRef(lang: Language, { entry, clusterName, personName }: Listed): string {
  const detail = entry.detail ?? {};
  const parts: string[] = [];
  if (typeof detail.ref === 'string') parts.push(detail.ref);
  // A legal hold keeps the id typed (`spärr G3`, `spärr häv P9`) as `id`: a line without it said only «satte
  // juridisk spärr på», on what not told.
  else if (typeof detail.id === 'string' && /^[MANXGP]\d+$/.test(detail.id)) parts.push(detail.id);
  else if (entry.subjectType === 'meeting' && typeof detail.number === 'number') parts.push(`M${detail.number}`);
  else if (entry.subjectType === 'note' && typeof detail.number === 'number') parts.push(`N${detail.number}`);
  else if (SHORT_ID_SUBJECTS.has(entry.subjectType) && /^[ANP]\d+$/.test(entry.subjectId ?? '')) parts.push(entry.subjectId!);
  if (entry.action === 'organisation.add' && typeof detail.name === 'string') parts.push(typeof detail.orgNumber === 'string' ? `${detail.name} (${detail.orgNumber})` : detail.name);
  if (clusterName) parts.push(clusterName);
  if (personName) parts.push(personName);
  if (typeof detail.role === 'string') parts.push(`(${roleLabel(lang, detail.role)})`);
  if (entry.action === 'export.create') parts.push(`${String(detail.scope ?? '')} ${String(detail.format ?? '')} ${String(detail.from ?? '')}–${String(detail.to ?? '')}`.trim());
  if (entry.action === 'target.set') parts.push(`${indicatorLabel(lang, String(detail.indicator ?? ''))}: ${String(detail.value ?? '')}`);
  const text = parts.filter(Boolean).join(' ');
  return text ? ` ${text}` : '';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:MM` in the programme's time zone. */
function localTime(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
