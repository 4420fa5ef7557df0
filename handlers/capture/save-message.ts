// `save` (issue 22): a chat message becomes a cluster's note, a meeting's decision or action item, or an
// exchange need or offer, keeping the link to the original and who wrote it. Without `as:` it is the form
// that the Slack shortcut and the Teams message action open, pre-filled from the message.
import type { SavedSubject } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireOpenCluster, resolvePerson } from '../core/lookups.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { exchangeNeed, exchangeOffer } from '../exchange/exchange-post.js';
import { t } from '../i18n/index.js';
import { saveForm } from './save-form.js';
import { checkedLink, checkedText, exampleOf, resolveAuthor, topicLimit, type SaveArgs, type SavedAuthor } from './save-input.js';

type Saved = { subject: SavedSubject; id: string; reply: Reply };

export async function saveMessage(ctx: HandlerContext<SaveArgs>): Promise<Reply> {
  if (!ctx.args.as) return saveForm(ctx);
  // Everything is read and checked before anything is written.
  const link = checkedLink(ctx);
  const author = await resolveAuthor(ctx);
  const saved = await saveAs(ctx, ctx.args.as);
  const { actor, repos, clock } = ctx;
  await repos.savedMessages.recordSource({
    programmeId: actor.programmeId, subjectType: saved.subject, subjectId: saved.id, platform: actor.platform, link,
    authorId: 'person' in author ? author.person.id : null, authorName: 'guest' in author ? author.guest : null, savedBy: actor.personId, at: clock.now(),
  });
  return withSource(ctx, saved.reply, author, link);
}

function saveAs(ctx: HandlerContext<SaveArgs>, kind: NonNullable<SaveArgs['as']>): Promise<Saved> {
  if (kind === 'note') return saveNote(ctx);
  if (kind === 'decision') return saveDecision(ctx);
  if (kind === 'action') return saveAction(ctx);
  return savePost(ctx, kind);
}

async function saveNote(ctx: HandlerContext<SaveArgs>): Promise<Saved> {
  const { actor, repos, clock } = ctx;
  const text = checkedText(ctx);
  const named = ctx.args.cluster ?? onlyCluster(ctx);
  if (!named) throw new LoketError('save.cluster_needed', {}, exampleOf(ctx));
  const cluster = await requireOpenCluster(ctx, named, exampleOf(ctx));
  const member = actor.clusterRoles.some((m) => m.clusterId === cluster.id);
  if (!member && !actor.programmeRoles.includes('manager')) throw new LoketError('note.not_member', { cluster: cluster.name }, `${actor.language === 'sv' ? 'gå-med' : 'join'} ${cluster.name}`);
  const { note } = await repos.notes.create({ programmeId: actor.programmeId, clusterId: cluster.id, authorId: actor.personId, text, at: clock.now() });
  const ref = shortId('N', note.number);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'note.create', subjectType: 'note', subjectId: note.id, detail: { ref, clusterId: cluster.id, from: 'message' }, at: clock.now() });
  return { subject: 'note', id: note.id, reply: confirmation(t(actor.language, 'save.saved_note', { id: ref, cluster: cluster.name })) };
}

async function saveDecision(ctx: HandlerContext<SaveArgs>): Promise<Saved> {
  const text = checkedText(ctx);
  const meeting = await writableMeeting(ctx);
  const { decision } = await ctx.repos.savedMessages.addDecision({ programmeId: ctx.actor.programmeId, meetingId: meeting.id, text, at: ctx.clock.now() });
  await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: 'meeting.decision', subjectType: 'meeting', subjectId: meeting.id, detail: { ref: meeting.ref, from: 'message' }, at: ctx.clock.now() });
  return { subject: 'decision', id: decision.id, reply: confirmation(t(ctx.actor.language, 'save.saved_decision', { meeting: meeting.ref, title: meeting.title })) };
}

async function saveAction(ctx: HandlerContext<SaveArgs>): Promise<Saved> {
  const text = checkedText(ctx);
  const meeting = await writableMeeting(ctx);
  // Without `owner:` the saver takes it on, as in Fellow: someone always owns an action item.
  const owner = await resolvePerson(ctx, ctx.args.owner ?? { type: 'me' }, exampleOf(ctx));
  const { action } = await ctx.repos.savedMessages.addActionItem({ programmeId: ctx.actor.programmeId, meetingId: meeting.id, action: { ownerId: owner.id, text, dueOn: ctx.args.due ?? null }, at: ctx.clock.now() });
  const ref = shortId('A', action.number);
  await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: 'action.create', subjectType: 'action_item', subjectId: action.id, detail: { ref, meeting: meeting.ref, from: 'message' }, at: ctx.clock.now() });
  const key = ctx.args.due ? 'save.saved_action_due' : 'save.saved_action';
  return { subject: 'action_item', id: action.id, reply: confirmation(t(ctx.actor.language, key, { id: ref, meeting: meeting.ref, owner: owner.displayName, due: ctx.args.due ?? '' })) };
}

/** A need or an offer runs the exchange's own use case, so it is matched and proposed like a typed one. */
async function savePost(ctx: HandlerContext<SaveArgs>, kind: 'need' | 'offer'): Promise<Saved> {
  const topic = checkedText(ctx, topicLimit);
  const post = { ...ctx, args: { topic, tags: undefined, cluster: ctx.args.cluster } };
  const reply = kind === 'need' ? await exchangeNeed(post) : await exchangeOffer(post);
  const { post: saved } = await ctx.repos.savedMessages.latestPost({ programmeId: ctx.actor.programmeId, personId: ctx.actor.personId, kind, topic });
  if (!saved) throw new Error('the exchange post just written was not found');
  return { subject: 'exchange_post', id: saved.id, reply };
}

/** The meeting named by `meeting:`; adding to it is for whoever could edit it or logs its clusters' meetings. */
async function writableMeeting(ctx: HandlerContext<SaveArgs>) {
  const { actor, repos, args } = ctx;
  if (!args.meeting) throw new LoketError('save.meeting_needed', {}, exampleOf(ctx));
  const ref = shortId('M', args.meeting.number);
  const { meeting } = await repos.meetings.findByNumber(actor.programmeId, args.meeting.number);
  if (!meeting) throw new LoketError('save.meeting_not_found', { id: ref }, actor.language === 'sv' ? 'möten' : 'meetings');
  const { clusters } = await repos.meetings.clustersOf(actor.programmeId, meeting.id);
  const leads = actor.clusterRoles.some((m) => (m.role === 'leader' || m.role === 'deputy') && clusters.some((c) => c.id === m.clusterId));
  if (!leads && meeting.authorId !== actor.personId && !actor.programmeRoles.includes('manager')) {
    throw new LoketError('save.meeting_not_yours', { id: ref }, `${actor.language === 'sv' ? 'möte visa' : 'meeting show'} ${ref}`);
  }
  return { id: meeting.id, ref, title: meeting.title };
}

function onlyCluster(ctx: HandlerContext<SaveArgs>): string | undefined {
  const names = [...new Set(ctx.actor.clusterRoles.map((m) => m.clusterName))];
  return names.length === 1 ? names[0] : undefined;
}

const confirmation = (text: string): Reply => ({ visibility: 'private', blocks: [{ type: 'text', text }] });

/** The confirmation says whose words were saved and links back to the original; it stays private. */
function withSource(ctx: HandlerContext<SaveArgs>, reply: Reply, author: SavedAuthor, link: string | null): Reply {
  const lang = ctx.actor.language;
  const source = { type: 'text' as const, text: t(lang, link ? 'save.source' : 'save.source_unlinked', { author: author.name }) };
  return {
    ...reply,
    visibility: 'private',
    blocks: [...reply.blocks, source],
    ...(link ? { links: [...(reply.links ?? []), { label: t(lang, 'save.original'), url: link }] } : {}),
  };
}
