import type { AuthoredNote, ProgressNote } from '../../db/progress.repository.js';
import type { HandlerContext } from '../core/context.js';
import type { Language } from '../core/incoming.js';
import { textReply, type Reply } from '../core/reply.js';
import { daysOfWeek, isoWeekOf } from '../core/weeks.js';
import { dayIn } from '../core/dates.js';
import { t } from '../i18n/index.js';
import { progressCluster } from './progress-cluster.js';
import { chooseProgressCluster } from './progress-choose.js';

const showExample = 'progress show Rymd weeks:4';

/** `progress show [cluster] [weeks:N]`: the notes of the cluster's latest N weeks, newest week first; a week's
 *  notes (one per author: leader, deputy, a PM writing for them) together, each under its author's name. */
export async function progressShow(ctx: HandlerContext<{ name?: string; cluster?: string; weeks?: number }>): Promise<Reply> {
  const { args, actor, repos } = ctx;
  // No cluster named and none of one's own (the advisory board, a PM): choose one, every cluster is readable.
  const choice = args.name ?? args.cluster ? undefined : await chooseProgressCluster(ctx);
  if (choice) return choice;
  const cluster = await progressCluster(ctx, args.name ?? args.cluster, showExample);
  const { notes } = await repos.progress.recent(actor.programmeId, cluster.id, args.weeks ?? 4);
  const title = t(actor.language, 'progress.show_title', { cluster: cluster.name });
  if (notes.length === 0) return textReply(t(actor.language, 'progress.show_empty', { cluster: cluster.name }), { title });
  return { title, visibility: 'private', blocks: notes.map((note) => ({ type: 'list' as const, title: noteHeading(note, actor.language), items: noteLines(note, actor.language) })) };
}

export function noteHeading(note: AuthoredNote, language: Language): string {
  return `${note.isoWeek} · ${authorOf(note, language)}${moodOf(note, language)}`;
}

/** Who wrote a note; a forgotten author (privacy) is named as such, never guessed. */
export function authorOf(note: AuthoredNote, language: Language): string {
  return note.authorName ?? t(language, 'progress.unknown_author');
}

export function moodOf(note: ProgressNote, language: Language): string {
  return note.mood ? ` – ${t(language, `progress.mood_${note.mood}`)}` : '';
}

export function noteLines(note: ProgressNote, language: Language): string[] {
  const lines: string[] = [];
  for (const key of ['done', 'next', 'blockers', 'need'] as const) {
    const value = note[key];
    if (value) lines.push(`${t(language, `progress.field_${key}`)}: ${value}`);
  }
  return lines;
}

/** `progress missing`: clusters without a note this ISO week, and whether their leader is away. */
export async function progressMissing(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const isoWeek = isoWeekOf(clock.now(), settings.timezone);
  const { clusters } = await repos.progress.clustersWithLeaders(actor.programmeId);
  const { notes } = await repos.progress.ofWeeks(actor.programmeId, [isoWeek]);
  const written = new Set(notes.map((n) => n.clusterId));
  const missing = clusters.filter((c) => !written.has(c.cluster.id));
  if (missing.length === 0) return textReply(t(actor.language, 'progress.missing_none', { week: isoWeek }));
  const leaderIds = missing.flatMap((c) => (c.leader ? [c.leader.id] : []));
  const today = dayIn(settings.timezone, clock.now());
  const { absences } = await repos.progress.absencesOverlapping(actor.programmeId, leaderIds, today, daysOfWeek(isoWeek).sunday);
  const away = new Set(absences.map((a) => a.personId));
  const items = missing.map(({ cluster, leader }) => {
    const who = leader ? leader.displayName : t(actor.language, 'progress.no_leader');
    return `${cluster.name} (${who})${leader && away.has(leader.id) ? ` – ${t(actor.language, 'progress.away')}` : ''}`;
  });
  return { title: t(actor.language, 'progress.missing_title', { week: isoWeek, count: missing.length }), visibility: 'private', blocks: [{ type: 'list', items }] };
}
