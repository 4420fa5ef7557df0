// The form a saved message opens in (Slack modal, Teams task module, console text form), pre-filled from the
// message: its text, its author and its link. Its keys are the command's own, so the platforms submit the
// very `save` a person could type (the text as `note:` lines, keeping its line breaks).
import type { HandlerContext } from '../core/context.js';
import type { Reply, ReplyFormField } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { messageText, type SaveArgs } from './save-input.js';

/** Slack's plain_text_input holds at most 3 000 characters; the link keeps the whole message. */
export const FORM_TEXT_MAX = 3000;
/** Slack's longest option value; an author whose mention is longer is shown as text instead. */
const OPTION_VALUE_MAX = 150;
const MEETINGS_OFFERED = 25;

export async function saveForm(ctx: HandlerContext<SaveArgs>): Promise<Reply> {
  const lang = ctx.actor.language;
  const { text, shortened } = formText(messageText(ctx));
  const fields: ReplyFormField[] = [
    { key: 'note', label: t(lang, 'save.field_text'), kind: 'multiline', required: true, maxLength: FORM_TEXT_MAX, ...(text ? { initial: text } : {}) },
    { key: 'as', label: t(lang, 'save.field_as'), kind: 'select', required: true, initial: 'note', options: kindOptions(ctx) },
    await clusterField(ctx),
    await meetingField(ctx),
    { key: 'owner', label: t(lang, 'save.field_owner'), kind: 'text', placeholder: '@anna' },
    { key: 'due', label: t(lang, 'save.field_due'), kind: 'date' },
    await authorField(ctx),
    { key: 'link', label: t(lang, 'save.field_link'), kind: 'text', ...(ctx.args.link ? { initial: ctx.args.link } : {}) },
  ];
  const intro = [t(lang, 'save.form_intro'), ...(shortened ? [t(lang, 'save.form_shortened', { max: FORM_TEXT_MAX })] : [])].join('\n');
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: intro }],
    form: { title: t(lang, 'save.form_title'), verb: 'save', submitLabel: t(lang, 'save.form_submit'), language: lang, fields },
  };
}

/** At most FORM_TEXT_MAX UTF-16 units (what Slack counts), cut at a space when one is near, ending in `…`. */
export function formText(text: string): { text: string; shortened: boolean } {
  if (text.length <= FORM_TEXT_MAX) return { text, shortened: false };
  let cut = FORM_TEXT_MAX - 1;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  const end = space > FORM_TEXT_MAX - 200 ? space : cut;
  return { text: `${text.slice(0, end).trimEnd()}…`, shortened: true };
}

function kindOptions(ctx: HandlerContext<SaveArgs>) {
  const lang = ctx.actor.language;
  return (['note', 'decision', 'action', 'need', 'offer'] as const).map((kind) => ({ value: kind, label: t(lang, `save.kind_${kind}`) }));
}

async function clusterField(ctx: HandlerContext<SaveArgs>): Promise<ReplyFormField> {
  const { actor, repos } = ctx;
  const { clusters } = await repos.clusters.list(actor.programmeId);
  const open = clusters.filter((c) => !c.cluster.retiredAt).map((c) => c.cluster.name);
  // The asker's own clusters first: a note or a need is nearly always for one of them.
  const own = actor.clusterRoles.map((m) => m.clusterName);
  const names = [...own.filter((n) => open.includes(n)), ...open.filter((n) => !own.includes(n))];
  const only = new Set(own).size === 1 ? own[0] : undefined;
  return {
    key: 'cluster',
    label: t(actor.language, 'save.field_cluster'),
    kind: 'select',
    options: names.map((name) => ({ value: name, label: name })),
    ...(ctx.args.cluster ?? only ? { initial: ctx.args.cluster ?? only } : {}),
  };
}

async function meetingField(ctx: HandlerContext<SaveArgs>): Promise<ReplyFormField> {
  const { actor, repos } = ctx;
  const { meetings } = await repos.meetings.list({ programmeId: actor.programmeId, limit: MEETINGS_OFFERED });
  const options = meetings.map(({ meeting }) => ({ value: shortId('M', meeting.number), label: `${shortId('M', meeting.number)} ${meeting.title} (${meeting.heldOn})` }));
  return { key: 'meeting', label: t(actor.language, 'save.field_meeting'), kind: 'select', options, placeholder: t(actor.language, 'save.meeting_placeholder') };
}

/** A person as one choice carrying their mention (the form cannot change who wrote it); a guest as text. */
async function authorField(ctx: HandlerContext<SaveArgs>): Promise<ReplyFormField> {
  const { actor, repos, message } = ctx;
  const label = t(actor.language, 'save.field_author');
  const ref = ctx.args.author?.[0];
  if (ref?.type === 'guest') return { key: 'author', label, kind: 'text', required: true, initial: ref.guest.name.replace(/[,"“”]/g, ' ').trim() };
  const person = ref?.ref ?? { type: 'me' as const };
  if (person.type !== 'platform') return { key: 'author', label, kind: 'text', required: true, initial: person.type === 'me' ? `@${actor.displayName}` : `@${person.name}` };
  const { person: known } = await repos.people.findByPlatformId(actor.programmeId, actor.platform, person.id);
  const name = (known?.displayName ?? person.name ?? message.mentionNames?.[person.id] ?? person.id).replace(/[|<>"“”,]/g, ' ').trim();
  const named = `<@${person.id}|${name}>`;
  const value = named.length <= OPTION_VALUE_MAX ? named : `<@${person.id}>`;
  return { key: 'author', label, kind: 'select', required: true, initial: value, options: [{ value, label: name }] };
}
