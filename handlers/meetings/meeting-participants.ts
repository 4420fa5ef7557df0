// `with:` and `orgs:` of a meeting: people known to LOKET, named guests with their organisation, and the
// organisations that took part. Everything is resolved before anything is written.
import type { NewParticipant } from '../../db/meetings.repository.js';
import type { Person } from '../../db/people.repository.js';
import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { resolvePerson } from '../core/lookups.js';
import { normaliseOrgNumber } from '../core/org-number.js';
import { tokenize } from '../core/parse.js';
import type { ParticipantRef } from '../core/spec.js';

export const participantsExamples = { sv: 'meeting "Nätverksträff" with:"@anna, Karin Ek (LTU)" orgs:556677-8899', en: 'meeting "Network meeting" with:"@anna, Karin Ek (LTU)" orgs:556677-8899' } as const;

/** One comma-separated part of a `with:`-like value (plan action owners and handovers read it too): `@anna`, `<@U123|Anna>`, `@Anna Berg`, or a guest `Karin Ek (LTU)`. */
type Part = { type: 'people'; refs: PersonRef[] } | { type: 'guest'; name: string; organisation?: string };

export function parseWithPart(part: string): Part | undefined {
  const text = part.trim();
  if (!text) return undefined;
  const tokens = tokenize(text);
  if (tokens.length > 0 && tokens.every((t) => t.type === 'person')) return { type: 'people', refs: tokens.flatMap((t) => (t.type === 'person' ? [t.ref] : [])) };
  // `@Anna Berg`: a display name with a space, as Slack's plain-text inputs send it.
  if (text.startsWith('@')) return { type: 'people', refs: [{ type: 'name', name: text.slice(1).trim() }] };
  const guest = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(text);
  if (guest?.[1]) return { type: 'guest', name: guest[1].trim(), organisation: guest[2]?.trim() || undefined };
  return { type: 'guest', name: text };
}

/** The people mentioned loose in the command and the people and guests of `with:`, each person once. */
export async function resolveParticipants(ctx: HandlerContext, mentions: PersonRef[], named: ParticipantRef[], example: string = participantsExamples[ctx.actor.language]): Promise<{ participants: NewParticipant[]; people: Person[] }> {
  const refs = [...mentions, ...named.flatMap((p) => (p.type === 'person' ? [p.ref] : []))];
  const found: Person[] = [];
  for (const ref of refs) {
    const person = await resolvePerson(ctx, ref, example);
    if (!found.some((p) => p.id === person.id)) found.push(person);
  }
  const participants: NewParticipant[] = found.map((p) => ({ personId: p.id }));
  for (const part of named) if (part.type === 'guest') participants.push(await resolveGuest(ctx, part.guest.name, part.guest.organisation));
  return { participants, people: found };
}

/** A guest's organisation is a registered one when it is written as an org number, else kept as typed. */
async function resolveGuest(ctx: HandlerContext, name: string, organisation: string | undefined): Promise<NewParticipant> {
  if (!organisation) return { guestName: name };
  const orgNumber = normaliseOrgNumber(organisation);
  if (!orgNumber) return { guestName: name, guestOrganisation: organisation };
  return { guestName: name, organisationId: await requireOrganisation(ctx, orgNumber) };
}

async function requireOrganisation(ctx: HandlerContext, orgNumber: string): Promise<string> {
  const { organisation } = await ctx.repos.organisations.findByOrgNumber(ctx.actor.programmeId, orgNumber);
  if (!organisation) throw new LoketError('meeting.org_not_found', { org: orgNumber }, `org add ${orgNumber} "Namn AB" type:company`);
  return organisation.id;
}

/** `orgs:556677-8899,5566778899` (normalised by the binder): registered organisations only, so the
 *  funder's counts stay de-duplicated. */
export async function resolveOrganisations(ctx: HandlerContext, orgNumbers: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const orgNumber of orgNumbers) {
    const id = await requireOrganisation(ctx, orgNumber);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
