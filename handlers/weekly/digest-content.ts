// The weekly digest as a Reply, shared by `digest preview` and the scheduled digest job, so what the
// preview shows is exactly what would be posted.
import type { Repositories } from '../../db/repositories.js';
import type { DigestWindow } from '../../db/digest-content.repository.js';
import { addDays, dayIn } from '../core/dates.js';
import type { Language } from '../core/incoming.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { daysOfWeek, instantOf, isoWeekOf } from '../core/weeks.js';
import { t } from '../i18n/index.js';
import { noteHeading, noteLines } from './progress-views.js';

export interface DigestInput {
  repos: Repositories;
  programmeId: string;
  now: Date;
  timezone: string;
  language: Language;
}

export function digestWindow(now: Date, timezone: string): DigestWindow & { isoWeek: string } {
  const isoWeek = isoWeekOf(now, timezone);
  const { monday, sunday } = daysOfWeek(isoWeek);
  return { isoWeek, monday, sunday, startsAt: instantOf(monday, '00:00', timezone), endsAt: instantOf(addDays(sunday, 1), '00:00', timezone), today: dayIn(timezone, now) };
}

export async function buildDigest({ repos, programmeId, now, timezone, language }: DigestInput): Promise<Reply> {
  const window = digestWindow(now, timezone);
  const { clusters } = await repos.progress.clustersWithLeaders(programmeId);
  const { notes } = await repos.progress.ofWeeks(programmeId, [window.isoWeek]);
  const { meetings } = await repos.digestContent.meetingsHeld(programmeId, window);
  const { decisions } = await repos.digestContent.decisionsOf(programmeId, [...new Set(meetings.map((m) => m.meetingId))]);
  const { actions } = await repos.digestContent.actionsOfWeek(programmeId, window);
  // Open needs invite the readers of the digest to offer help across clusters.
  const { posts } = await repos.exchanges.listPosts(programmeId);
  const needs = posts.filter((p) => p.post.kind === 'need');
  const blocks: ReplyBlock[] = [];
  const silent: string[] = [];
  for (const { cluster, leader } of clusters) {
    const note = notes.find((n) => n.clusterId === cluster.id);
    if (!note) silent.push(leader ? `${cluster.name} (${leader.displayName})` : cluster.name);
    const items = [
      ...(note ? noteLines(note, language) : [t(language, 'digest.no_note')]),
      ...meetings.filter((m) => m.clusterId === cluster.id).flatMap((m) => [
        t(language, 'digest.meeting', { id: shortId('M', m.number), title: m.title, date: m.heldOn }),
        ...decisions.filter((d) => d.meetingId === m.meetingId).map((d) => t(language, 'digest.decision', { text: d.text })),
      ]),
      ...actions.filter((a) => a.clusterId === cluster.id).map((a) => actionLine(a, window, language)),
      ...needs.filter((n) => n.post.clusterId === cluster.id).map((n) => t(language, 'digest.exchange_need', { topic: n.post.topic, person: n.person })),
    ];
    const heading = note ? `${cluster.name} · ${noteHeading(note, language)}` : cluster.name;
    blocks.push({ type: 'list', title: heading, items });
  }
  if (clusters.length === 0) blocks.push({ type: 'text', text: t(language, 'digest.no_clusters') });
  if (silent.length) blocks.push({ type: 'text', text: t(language, 'digest.silent', { clusters: silent.join(', ') }) });
  return { title: t(language, 'digest.title', { week: window.isoWeek }), visibility: 'channel', blocks };
}

function actionLine(a: { number: number; text: string; dueOn: string | null; owner: string; doneAt: Date | null }, window: DigestWindow, language: Language): string {
  const overdue = !a.doneAt && a.dueOn !== null && a.dueOn < window.today;
  const key = overdue ? 'digest.action_overdue' : 'digest.action_new';
  return t(language, key, { id: shortId('A', a.number), text: a.text, owner: a.owner, due: a.dueOn ?? '–' });
}
