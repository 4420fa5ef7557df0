// What `save` reads besides its choice: the message's text (its `note:` lines, line breaks kept), the
// original author (a person LOKET knows or a named guest) and the link to the original message.
import type { Person } from '../../db/people.repository.js';
import { assertWithin, textLimits, type TextLimit } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { resolvePerson } from '../core/lookups.js';
import type { PersonRef } from '../core/command.js';
import type { Bilingual, ParticipantRef } from '../core/spec.js';

export const saveExample: Bilingual = {
  sv: 'spara Testbädden i Kiruna bokas sex veckor i förväg. som:anteckning kluster:Rymd',
  en: 'save The Kiruna test bed is booked six weeks ahead. as:note cluster:Rymd',
};

/** A Teams message link carries the whole conversation id and a context parameter; 2 000 holds any. */
export const linkLimit: TextLimit = { max: 2000, what: 'save.link_limit' };
/** A need or an offer is a topic, as `exchange need` takes it: one line in a list. */
export const topicLimit: TextLimit = { max: textLimits.title.max, what: 'save.topic_limit' };

export type SavedKindValue = 'note' | 'decision' | 'action' | 'need' | 'offer';

export type SaveArgs = {
  text: string | undefined;
  as: SavedKindValue | undefined;
  cluster: string | undefined;
  meeting: { kind: string; number: number; text: string } | undefined;
  owner: PersonRef | undefined;
  due: string | undefined;
  author: ParticipantRef[] | undefined;
  link: string | undefined;
};

export type SavedAuthor = { person: Person; name: string } | { guest: string; name: string };

export function exampleOf(ctx: HandlerContext): string {
  return saveExample[ctx.actor.language];
}

/** The text as the message had it: its `note:` lines joined by line breaks, or the words typed after `save`. */
export function messageText(ctx: HandlerContext<SaveArgs>): string {
  const lines = ctx.command.lines.filter((l) => l.kind === 'note').map((l) => l.text.trim());
  const text = lines.length ? lines.join('\n') : (ctx.args.text ?? '');
  return text.trim();
}

/** The text checked against the body limit a note, decision or action has (a need or offer: a title's). */
export function checkedText(ctx: HandlerContext<SaveArgs>, limit: TextLimit = textLimits.body): string {
  const text = messageText(ctx);
  if (!text) throw new LoketError('args.missing', { what: 'save.text_what' }, exampleOf(ctx));
  assertWithin(text, limit, ctx.actor.language, exampleOf(ctx));
  return text;
}

/** Only web links: the link is shown as a button, so `javascript:` or a file path must never get there. */
export function checkedLink(ctx: HandlerContext<SaveArgs>): string | null {
  const link = ctx.args.link?.trim();
  if (!link) return null;
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:') throw new LoketError('save.link_invalid', { link: link.slice(0, 80) }, exampleOf(ctx));
  return url.toString();
}

/** The original author: a platform mention is a person (created when the platform names one LOKET has not
 *  met, as mentions are), `@name` the one person of that name; anything else is a guest by name. Absent: the
 *  saver wrote it. */
export async function resolveAuthor(ctx: HandlerContext<SaveArgs>): Promise<SavedAuthor> {
  const refs = ctx.args.author ?? [];
  if (refs.length > 1) throw new LoketError('save.one_author', {}, exampleOf(ctx));
  const ref = refs[0] ?? { type: 'person' as const, ref: { type: 'me' as const } };
  if (ref.type === 'guest') {
    const name = ref.guest.organisation ? `${ref.guest.name} (${ref.guest.organisation})` : ref.guest.name;
    assertWithin(name, textLimits.name, ctx.actor.language, exampleOf(ctx));
    return { guest: name, name };
  }
  if (ref.ref.type === 'name') {
    // Teams names a message's author only by an id LOKET does not key people by (bot/teams/save-action.ts):
    // one person of that name is them; none or several, and the name is kept as a guest's.
    const { people } = await ctx.repos.people.findByName(ctx.actor.programmeId, ref.ref.name);
    if (people.length === 1) return { person: people[0]!, name: people[0]!.displayName };
    assertWithin(ref.ref.name, textLimits.name, ctx.actor.language, exampleOf(ctx));
    return { guest: ref.ref.name, name: ref.ref.name };
  }
  const person = await resolvePerson(ctx, ref.ref, exampleOf(ctx));
  return { person, name: person.displayName };
}
