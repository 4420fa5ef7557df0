import type { ViewContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { shorten } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import type { Reply, ReplyBlock, ReplyButton } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { isoWeekOf } from '../core/weeks.js';
import { openActionLine } from '../meetings/action-views.js';
import { t } from '../i18n/index.js';
import { upcomingSection } from '../agenda/upcoming-section.js';

const SHOWN_ACTIONS = 10;
const SHOWN_UPCOMING = 5;
const WRITERS = new Set(['leader', 'deputy']);

/**
 * A person's start page (Slack App Home, Teams welcome card): their clusters, their open actions, this
 * week's progress status of the clusters they lead, their open exchanges, and buttons for the common
 * commands. It only reads, so it is safe to run whenever the platform shows the page.
 */
export async function home(ctx: ViewContext): Promise<Reply> {
  const lang = ctx.actor.language;
  const blocks: ReplyBlock[] = [
    clustersBlock(ctx),
    await actionsBlock(ctx),
    ...(await upcomingBlocks(ctx)),
    ...(await progressBlocks(ctx)),
    await exchangesBlock(ctx),
  ];
  return { visibility: 'private', title: homeTitle(ctx), blocks, buttons: homeButtons(ctx) };
}

/** A person whose platform never sent a name is stored under their user id (people.upsert); a page titled
 *  "29:1Ab3kQz… i Programmet" helps no one, so such a page is addressed to "you". */
function homeTitle({ actor }: ViewContext): string {
  const { displayName, userId, programmeName: programme } = actor;
  if (displayName === userId) return t(actor.language, 'home.title_unnamed', { programme });
  return t(actor.language, 'home.title', { name: displayName, programme });
}

function clustersBlock({ actor }: ViewContext): ReplyBlock {
  const lang = actor.language;
  if (actor.clusterRoles.length === 0) return { type: 'text', text: t(lang, 'home.clusters_none') };
  const items = actor.clusterRoles.map((m) => `${m.clusterName} (${t(lang, `role.${m.role}`)})`);
  return { type: 'list', title: t(lang, 'home.clusters_title'), items };
}

async function actionsBlock({ actor, repos, clock, settings }: ViewContext): Promise<ReplyBlock> {
  const lang = actor.language;
  const { actions, total } = await repos.actionItems.listOpen({ programmeId: actor.programmeId, ownerId: actor.personId, limit: SHOWN_ACTIONS });
  if (total === 0) return { type: 'text', text: t(lang, 'home.actions_none') };
  const today = dayIn(settings.timezone, clock.now());
  const items = actions.map((a) => openActionLine(lang, a, today));
  if (total > actions.length) items.push(t(lang, 'home.actions_more', { count: total - actions.length }));
  return { type: 'list', title: t(lang, 'home.actions_title', { count: total }), items };
}

/** Planned meetings that concern the person (issue 22): invited, planned by them, or of their clusters. */
async function upcomingBlocks({ actor, repos, clock, settings }: ViewContext): Promise<ReplyBlock[]> {
  const block = await upcomingSection({ repos, programmeId: actor.programmeId, now: clock.now(), timezone: settings.timezone, language: actor.language, personId: actor.personId, limit: SHOWN_UPCOMING });
  return block ? [block] : [];
}

/** Only clusters the person may write progress for: a member has nothing to hand in. */
async function progressBlocks({ actor, repos, clock, settings }: ViewContext): Promise<ReplyBlock[]> {
  const lang = actor.language;
  const led = actor.clusterRoles.filter((m) => WRITERS.has(m.role));
  if (led.length === 0) return [];
  const week = isoWeekOf(clock.now(), settings.timezone);
  const items = await Promise.all(
    led.map(async (m) => {
      const { note } = await repos.progress.find(actor.programmeId, m.clusterId, week);
      return t(lang, note ? 'home.progress_done' : 'home.progress_missing', { cluster: m.clusterName });
    }),
  );
  return [{ type: 'list', title: t(lang, 'home.progress_title', { week }), items }];
}

async function exchangesBlock({ actor, repos }: ViewContext): Promise<ReplyBlock> {
  const lang = actor.language;
  const [{ posts }, { proposals }] = await Promise.all([
    repos.exchanges.listPosts(actor.programmeId, actor.personId),
    repos.exchanges.proposalsOf(actor.programmeId, actor.personId),
  ]);
  const items = posts.map((p) => t(lang, p.post.kind === 'need' ? 'home.exchange_need' : 'home.exchange_offer', { cluster: p.cluster, topic: shorten(p.post.topic, 120) }));
  for (const p of proposals) {
    if (p.proposal.state !== 'proposed') continue;
    const mine = p.need.personId === actor.personId ? p.proposal.needAnswer : p.proposal.offerAnswer;
    if (mine !== null) continue;
    const other = p.need.personId === actor.personId ? p.offer : p.need;
    items.push(t(lang, 'home.exchange_waiting', { id: shortId('X', p.proposal.number), name: other.name }));
  }
  if (items.length === 0) return { type: 'text', text: t(lang, 'home.exchanges_none') };
  return { type: 'list', title: t(lang, 'home.exchanges_title'), items };
}

function homeButtons({ actor }: ViewContext): ReplyButton[] {
  const lang: Language = actor.language;
  const writes = actor.clusterRoles.some((m) => WRITERS.has(m.role));
  const buttons: ReplyButton[] = [];
  if (writes) buttons.push({ label: t(lang, 'home.button_progress'), command: 'progress', style: 'primary' });
  if (writes || actor.programmeRoles.includes('manager')) buttons.push({ label: t(lang, 'home.button_meeting'), command: 'meeting' });
  buttons.push({ label: t(lang, 'home.button_actions'), command: 'actions mine' });
  buttons.push({ label: t(lang, 'home.button_exchanges'), command: 'exchange list mine' });
  if (actor.clusterRoles.length === 0) buttons.push({ label: t(lang, 'home.button_clusters'), command: 'cluster list' });
  buttons.push({ label: t(lang, 'home.button_help'), command: 'help' });
  return buttons;
}
