// `meetings upcoming [cluster]`: what is planned, soonest first, with each agenda's size.
import type { HandlerContext } from '../core/context.js';
import { requireCluster } from '../core/lookups.js';
import type { Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { upcomingLine } from './planned-views.js';

const SHOWN = 15;

export async function listUpcoming(ctx: HandlerContext<{ cluster: string | undefined }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  const cluster = args.cluster ? await requireCluster(ctx, args.cluster, lang === 'sv' ? 'möten kommande Rymd' : 'meetings upcoming Rymd') : undefined;
  const { planned, total } = await repos.plannedMeetings.listUpcoming({ programmeId: actor.programmeId, from: clock.now(), ...(cluster ? { clusterIds: [cluster.id] } : {}), limit: SHOWN });
  if (total === 0) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'upcoming.empty') }] };
  const items = planned.map((p) => upcomingLine(lang, p, settings.timezone));
  if (total > items.length) items.push(t(lang, 'upcoming.more', { count: total - items.length, command: lang === 'sv' ? '`möten kommande <kluster>`' : '`meetings upcoming <cluster>`' }));
  return { visibility: 'private', title: t(lang, 'upcoming.title', { count: total }), blocks: [{ type: 'list', items }, { type: 'text', text: t(lang, 'upcoming.hint') }] };
}
