import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { shorten } from '../core/free-text.js';
import { shortId } from '../core/short-ids.js';
import { kindLabel } from './meeting-kinds.js';
import { t } from '../i18n/index.js';

const example = 'meetings Rymd from:2026-01-01 to:2026-03-31';
const SHOWN = 25;

/** `meetings [cluster] [from:…] [to:…]`: history, newest first. */
export async function listMeetings(ctx: HandlerContext<{ cluster: string | undefined; from: string | undefined; to: string | undefined }>): Promise<Reply> {
  const { args, actor, repos } = ctx;
  const lang = actor.language;
  const cluster = args.cluster ? await requireCluster(ctx, args.cluster, example) : undefined;
  const { from, to } = args;
  if (from && to && from > to) throw new LoketError('date.range_invalid', { from, to }, example);
  const { meetings, total } = await repos.meetings.list({ programmeId: actor.programmeId, clusterId: cluster?.id, from, to, limit: SHOWN });
  if (total === 0) return textReply(t(lang, 'meetings.empty'));
  const items = meetings.map(({ meeting, clusterNames, decisionCount, openActionCount }) =>
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
  const blocks: Reply['blocks'] = [{ type: 'list', items }];
  if (total > meetings.length) blocks.push({ type: 'text', text: t(lang, 'meetings.showing', { shown: meetings.length, total }) });
  blocks.push({ type: 'text', text: t(lang, 'meetings.hint') });
  return { visibility: 'private', title: t(lang, 'meetings.title', { count: total }), blocks };
}
