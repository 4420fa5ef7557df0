import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { commandRef, textReply, type Reply } from '../core/reply.js';
import { commandArg, shorten } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import { shortId } from '../core/short-ids.js';
import { kindLabel } from './meeting-kinds.js';
import { t } from '../i18n/index.js';

const example = 'meetings Rymd from:2026-01-01 to:2026-03-31';
/** A reply fits a phone screen: the newest 15, then the command that lists the older ones. */
const SHOWN = 15;
const WORDS = { sv: { verb: 'möten', from: 'från', to: 'till' }, en: { verb: 'meetings', from: 'from', to: 'to' } } as const;

/** `meetings [cluster] [from:…] [to:…]`: history, newest first, fifteen at a time; the reply ends with the
 *  same query ending on the first meeting not shown (`to:`), so the next page is one command away. */
export async function listMeetings(ctx: HandlerContext<{ cluster: string | undefined; from: string | undefined; to: string | undefined }>): Promise<Reply> {
  const { args, actor, repos } = ctx;
  const lang = actor.language;
  const cluster = args.cluster ? await requireCluster(ctx, args.cluster, example) : undefined;
  const { from, to } = args;
  if (from && to && from > to) throw new LoketError('date.range_invalid', { from, to }, example);
  const { meetings, total } = await repos.meetings.list({ programmeId: actor.programmeId, clusterId: cluster?.id, from, to, limit: SHOWN + 1 });
  if (total === 0) return textReply(t(lang, 'meetings.empty'));
  const shown = meetings.slice(0, SHOWN);
  const items = shown.map(({ meeting, clusterNames, decisionCount, openActionCount }) =>
    t(lang, 'meetings.item', {
      id: shortId('M', meeting.number),
      date: meeting.heldOn,
      title: shorten(meeting.title, 120),
      kind: kindLabel(lang, meeting.kind),
      clusters: clusterNames ? ` · ${clusterNames}` : '',
      decisions: decisionCount,
      open: openActionCount,
    }),
  );
  const next = meetings[SHOWN];
  if (next) items.push(t(lang, 'meetings.more', { count: total - shown.length, command: commandRef(olderCommand(lang, cluster?.name, from, next.meeting.heldOn), lang) }));
  const blocks: Reply['blocks'] = [{ type: 'list', items }];
  blocks.push({ type: 'text', text: t(lang, 'meetings.hint') });
  return { visibility: 'private', title: t(lang, 'meetings.title', { count: total }), blocks };
}

/** `möten Rymd från:2026-01-01 till:2026-01-20`: the same query, ending on the day of the first meeting not shown
 *  (a day split between two pages is shown again rather than lost). */
function olderCommand(lang: Language, cluster: string | undefined, from: string | undefined, to: string): string {
  const w = WORDS[lang];
  return [w.verb, cluster ? commandArg(cluster) : '', from ? `${w.from}:${from}` : '', `${w.to}:${to}`].filter(Boolean).join(' ');
}
