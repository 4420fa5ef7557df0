import type { Meeting } from '../../db/meetings.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import type { Language } from '../core/incoming.js';
import { commandRef, type ReplyBlock, type ReplyButton } from '../core/reply.js';
import { shorten } from '../core/free-text.js';
import { shortId } from '../core/short-ids.js';
import { meetingActionLine } from './action-views.js';
import { kindLabel } from './meeting-kinds.js';
import { t } from '../i18n/index.js';

type Details = Awaited<ReturnType<HandlerContext['repos']['meetings']['details']>>;

/** `M12 · 2026-03-02 · klustermöte · Rymd, Skog` — layout only, the same in both languages. */
export function meetingLine(language: Language, meeting: Meeting, clusterNames: string | null): string {
  const clusters = clusterNames ? ` · ${clusterNames}` : '';
  return `${shortId('M', meeting.number)} · ${meeting.heldOn} · ${kindLabel(language, meeting.kind)}${clusters}`;
}

/**
 * The saved meeting's warning when a live meeting of the same clusters already has its title and date
 * (`duplicateOf`, db/meetings.repository.ts): it is stored all the same, since two meetings may share a
 * title, but the logger is told which one and how to remove the new one if it was logged twice.
 */
export function duplicateBlocks(language: Language, meeting: Meeting, duplicateOf: number | null): ReplyBlock[] {
  if (duplicateOf === null) return [];
  const id = shortId('M', meeting.number);
  const command = commandRef(`meeting delete ${id}`, language);
  return [{ type: 'text', text: t(language, 'meeting.duplicate', { existing: shortId('M', duplicateOf), title: shorten(meeting.title), date: meeting.heldOn, command }) }];
}

export function shareButtons(language: Language, meeting: Meeting): ReplyButton[] {
  return [{ label: t(language, 'meeting.share_button'), command: `meeting share ${shortId('M', meeting.number)}`, style: 'primary' }];
}

/** Decisions, action items and (for `show`) notes and participants, as lists. */
export function meetingBlocks(ctx: HandlerContext, meeting: Meeting, details: Details, options: { full: boolean; authorName?: string; shortened?: number }): ReplyBlock[] {
  const lang = ctx.actor.language;
  const zone = ctx.settings.timezone;
  const today = dayIn(zone, ctx.clock.now());
  const clusterNames = details.clusters.map((c) => c.name).join(', ') || null;
  const blocks: ReplyBlock[] = [{ type: 'text', text: meetingLine(lang, meeting, clusterNames) }];
  const participants = details.participants.map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name));
  if (options.full) {
    const fields = [{ label: t(lang, 'meeting.label_participants'), value: participants.join(', ') || t(lang, 'meeting.none') }];
    if (options.authorName) fields.unshift({ label: t(lang, 'meeting.label_author'), value: options.authorName });
    if (details.organisations.length) fields.push({ label: t(lang, 'meeting.label_organisations'), value: details.organisations.map((o) => `${o.name} (${o.orgNumber})`).join(', ') });
    blocks.push({ type: 'fields', fields });
  }
  // Shortened only when something would be left out; what is shown and «… och N till» add up to what is stored.
  const all = details.decisions.length + details.actions.length + (options.full ? details.notes.length : 0);
  const cap = options.shortened !== undefined && all > options.shortened * 2 ? options.shortened : undefined;
  const more = commandRef(`meeting show ${shortId('M', meeting.number)} all`, lang);
  const capped = (items: string[]) => (cap === undefined || items.length <= cap ? items : [...items.slice(0, cap), t(lang, 'meeting.more', { count: items.length - cap, command: more })]);
  if (details.decisions.length) blocks.push({ type: 'list', title: t(lang, 'meeting.decisions_title'), items: capped(details.decisions.map((d) => d.text)) });
  if (details.actions.length) {
    const items = details.actions.map((a) => meetingActionLine(lang, a, today, (at) => dayIn(zone, at)));
    blocks.push({ type: 'list', title: t(lang, 'meeting.actions_title'), items: capped(items) });
  }
  if (options.full && details.notes.length) blocks.push({ type: 'list', title: t(lang, 'meeting.notes_title'), items: capped(details.notes.map((n) => `${shortId('N', n.number)} ${n.text}`)) });
  return blocks;
}
