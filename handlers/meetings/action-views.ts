import { daysBetween } from '../core/dates.js';
import { shorten } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';

export interface OpenActionView {
  number: number;
  text: string;
  dueOn: string | null;
  heldOn: string;
  meetingNumber: number;
  ownerName: string;
}

/** `A34 Boka lokal – Anna, försenad sedan 2026-03-20 – öppen 12 d (M12)`: owner, due date and age. */
export function openActionLine(language: Language, action: OpenActionView, today: string): string {
  const age = t(language, 'action.age', { days: Math.max(0, daysBetween(action.heldOn, today)) });
  return `${actionHead(language, { ...action, text: shorten(action.text) }, today)} – ${age} (${shortId('M', action.meetingNumber)})`;
}

/** `A34 Boka lokal – Anna, senast 2026-03-20`: layout only, the words come from the catalogs. */
export function actionHead(language: Language, action: { number: number; text: string; ownerName: string; dueOn: string | null }, today: string): string {
  return `${shortId('A', action.number)} ${action.text} – ${action.ownerName}${dueText(language, action.dueOn, today)}`;
}

export function dueText(language: Language, dueOn: string | null, today: string): string {
  if (!dueOn) return '';
  return t(language, dueOn < today ? 'action.overdue' : 'action.due', { due: dueOn });
}

/** An item as `meeting show` and the channel summary list it: open with its due date, or done. */
export function meetingActionLine(
  language: Language,
  action: { number: number; text: string; dueOn: string | null; doneAt: Date | null; doneNote: string | null; ownerName: string },
  today: string,
  doneOn: (at: Date) => string,
): string {
  if (!action.doneAt) return actionHead(language, action, today);
  const base = { id: shortId('A', action.number), text: action.text, owner: action.ownerName };
  const note = action.doneNote ? t(language, 'action.done_note', { note: action.doneNote }) : '';
  return t(language, 'action.done_item', { ...base, date: doneOn(action.doneAt), note });
}
