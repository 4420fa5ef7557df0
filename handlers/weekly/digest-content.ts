// The weekly digest as a Reply, shared by `digest preview` and the scheduled digest job, so what the
// preview shows is exactly what would be posted.
import type { Repositories } from '../../db/repositories.js';
import type { DigestWindow } from '../../db/digest-content.repository.js';
import { addDays, dayIn } from '../core/dates.js';
import { commandArg, shortenWithMore } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import { commandRef, type Reply, type ReplyBlock } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { daysOfWeek, instantOf, isoWeekOf } from '../core/weeks.js';
import { list, t } from '../i18n/index.js';
import type { AuthoredNote } from '../../db/progress.repository.js';
import { authorOf, moodOf, noteLines } from './progress-views.js';
import { upcomingSection } from '../agenda/upcoming-section.js';

/** The most characters of typed text one digest line quotes (a weekly note's fields, a decision, an action);
 *  the rest is one command away. With the line's own words a digest line stays under `digestLineMax`. */
export const digestTextMax = 280;
export const digestLineMax = 480;
/** Planned meetings the posted digest lists under «Kommande möten». */
const DIGEST_UPCOMING = 10;

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

/** What a week's digest is made of, read once: the posted digest and the preview's summary both count from it. */
async function digestData({ repos, programmeId, now, timezone }: DigestInput) {
  const window = digestWindow(now, timezone);
  const { clusters: all } = await repos.progress.clustersWithLeaders(programmeId, { includeRetired: true });
  const { notes } = await repos.progress.ofWeeks(programmeId, [window.isoWeek]);
  const { meetings } = await repos.digestContent.meetingsHeld(programmeId, window);
  const { decisions } = await repos.digestContent.decisionsOf(programmeId, [...new Set(meetings.map((m) => m.meetingId))]);
  const { actions } = await repos.digestContent.actionsOfWeek(programmeId, window);
  // Open needs invite the readers of the digest to offer help across clusters.
  const { posts } = await repos.exchanges.listPosts(programmeId);
  const needs = posts.filter((p) => p.post.kind === 'need');
  // A retired cluster takes no weekly note: it is neither counted nor named as silent, and shows only in the
  // week it still has a note, a meeting or an action item in (the week it was retired), so the figures
  // count what the lines list.
  const newsOf = (id: string) => notes.some((n) => n.clusterId === id) || meetings.some((m) => m.clusterId === id) || actions.some((a) => a.clusterId === id);
  const clusters = all.filter(({ cluster }) => !cluster.retiredAt || newsOf(cluster.id));
  return { window, clusters, notes, meetings, decisions, actions, needs };
}

export async function buildDigest(input: DigestInput): Promise<Reply> {
  const { language } = input;
  const { window, clusters, notes, meetings, decisions, actions, needs } = await digestData(input);
  const blocks: ReplyBlock[] = [];
  const silent: string[] = [];
  for (const { cluster, leader } of clusters) {
    // A cluster-week is posted when anyone (leader, deputy, a PM for them) wrote; each note is one line under
    // its author's name, so a leader's and a deputy's notes both reach the readers.
    const written = notes.filter((n) => n.clusterId === cluster.id);
    if (written.length === 0 && !cluster.retiredAt) silent.push(leader ? `${cluster.name} (${leader.displayName})` : cluster.name);
    const items = [
      ...(written.length ? written.map((note) => digestNoteLine(note, cluster.name, language)) : [t(language, 'digest.no_note')]),
      ...meetings.filter((m) => m.clusterId === cluster.id).flatMap((m) => [
        t(language, 'digest.meeting', { id: shortId('M', m.number), title: shortenWithMore(m.title, digestTextMax, language, `meeting show ${shortId('M', m.number)}`), date: m.heldOn }),
        ...decisions.filter((d) => d.meetingId === m.meetingId).map((d) => t(language, 'digest.decision', { text: shortenWithMore(d.text, digestTextMax, language, `meeting show ${shortId('M', m.number)}`) })),
      ]),
      ...actions.filter((a) => a.clusterId === cluster.id).map((a) => actionLine(a, window, language)),
      ...needs.filter((n) => n.post.clusterId === cluster.id).map((n) => t(language, 'digest.exchange_need', { topic: shortenWithMore(n.post.topic, digestTextMax, language, 'exchange list'), person: n.person })),
    ];
    const heading = written.length ? `${clusterHeading(cluster, language)} · ${window.isoWeek}` : clusterHeading(cluster, language);
    blocks.push({ type: 'list', title: heading, items });
  }
  if (clusters.length === 0) blocks.push({ type: 'text', text: t(language, 'digest.no_clusters') });
  if (silent.length) blocks.push({ type: 'text', text: t(language, 'digest.silent', { clusters: list(language, silent) }) });
  // «Kommande möten» (issue 22): the next fortnight's planned meetings, for everyone to add topics to.
  const upcoming = await upcomingSection({ repos: input.repos, programmeId: input.programmeId, now: input.now, timezone: input.timezone, language, limit: DIGEST_UPCOMING, withinDays: 14 });
  if (upcoming) blocks.push(upcoming);
  return { title: t(language, 'digest.title', { week: window.isoWeek }), visibility: 'channel', blocks };
}

/** The clusters the preview names one line each; the rest are counted («… och N till»). */
const SUMMARY_CLUSTERS = 15;

/** The digest in a screen, for a person's preview of a large programme: the week's figures, then one line per
 *  cluster (who wrote, how many meetings, action items and needs). Every figure counts the same rows the
 *  posted digest lists; a meeting or action item of several clusters counts once in the figures. */
export async function buildDigestSummary(input: DigestInput, fullCommand: string): Promise<Reply> {
  const { language } = input;
  const { window, clusters, notes, meetings, actions, needs } = await digestData(input);
  const distinct = <T>(rows: T[], key: (row: T) => string | number) => new Set(rows.map(key)).size;
  const isOverdue = (a: (typeof actions)[number]) => !a.doneAt && a.dueOn !== null && a.dueOn < window.today;
  // Out of the clusters expected to write this week, as `status` counts the clusters at work: a retired one is
  // not expected to, even when it wrote before it was retired; its line, marked retired, still shows its note.
  const atWork = clusters.filter(({ cluster }) => !cluster.retiredAt);
  const written = atWork.filter(({ cluster }) => notes.some((n) => n.clusterId === cluster.id)).length;
  const couldWrite = atWork.length;
  const figures = t(language, 'digest.summary', {
    written,
    clusters: couldWrite,
    meetings: distinct(meetings, (m) => m.meetingId),
    actions: distinct(actions, (a) => a.number),
    overdue: distinct(actions.filter(isOverdue), (a) => a.number),
    needs: needs.length,
  });
  const lines = clusters.slice(0, SUMMARY_CLUSTERS).map(({ cluster }) => {
    const authors = notes.filter((n) => n.clusterId === cluster.id).map((n) => authorOf(n, language));
    return t(language, 'digest.cluster_line', {
      cluster: clusterHeading(cluster, language),
      note: authors.length ? list(language, authors) : t(language, 'digest.no_note'),
      meetings: meetings.filter((m) => m.clusterId === cluster.id).length,
      actions: actions.filter((a) => a.clusterId === cluster.id).length,
      needs: needs.filter((n) => n.post.clusterId === cluster.id).length,
    });
  });
  if (clusters.length > SUMMARY_CLUSTERS) lines.push(t(language, 'digest.more_clusters', { count: clusters.length - SUMMARY_CLUSTERS }));
  const blocks: ReplyBlock[] = [{ type: 'text', text: figures }];
  if (lines.length) blocks.push({ type: 'list', items: lines });
  blocks.push({ type: 'text', text: t(language, 'digest.summary_full', { command: commandRef(fullCommand, language) }) });
  return { title: t(language, 'digest.title', { week: window.isoWeek }), visibility: 'private', blocks, buttons: [{ label: t(language, 'digest.full_button'), command: fullCommand }] };
}

/** A cluster's name, marked when it is retired: its news shows, but it is not one of the clusters at work. */
function clusterHeading(cluster: { name: string; retiredAt: Date | null }, language: Language): string {
  return cluster.retiredAt ? t(language, 'digest.retired_cluster', { cluster: cluster.name }) : cluster.name;
}

function actionLine(action: { number: number; meetingNumber: number; text: string; dueOn: string | null; owner: string; doneAt: Date | null }, window: DigestWindow, language: Language): string {
  const a = { ...action, text: shortenWithMore(action.text, digestTextMax, language, `meeting show ${shortId('M', action.meetingNumber)}`) };
  // An action created this week and already completed is news as work done, never as a «new» open action.
  if (a.doneAt) return t(language, 'digest.action_done', { id: shortId('A', a.number), text: a.text, owner: a.owner });
  const overdue = !a.doneAt && a.dueOn !== null && a.dueOn < window.today;
  const key = overdue ? 'digest.action_overdue' : 'digest.action_new';
  return t(language, key, { id: shortId('A', a.number), text: a.text, owner: a.owner, due: a.dueOn ?? '–' });
}

function digestNoteLine(note: AuthoredNote, clusterName: string, language: Language): string {
  const fields = shortenWithMore(noteLines(note, language).join('; '), digestTextMax, language, `progress show ${commandArg(clusterName)}`);
  return t(language, 'digest.note', { author: authorOf(note, language), mood: moodOf(note, language), fields: fields || '–' });
}
