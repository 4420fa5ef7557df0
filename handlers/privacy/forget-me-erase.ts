// Erasure by pseudonymisation, shared by `forget-me` and the retention job. Records stay with their
// cluster; the person in them becomes "Person 17". Their platform id is replaced by a keyed hash, so a
// returning person starts afresh (a new, empty person) and LOKET can still tell them that their earlier
// records exist under a pseudonym — without keeping the id itself.
import { createHmac } from 'node:crypto';
import type { Person } from '../../db/people.repository.js';
import type { Repositories } from '../../db/repositories.js';
import { FORGOTTEN_PERSON_PREFIX } from '../../db/privacy.repository.js';

export interface ErasureOutcome {
  pseudonym: string;
  state: 'done' | 'held';
  /** Held records that keep the person's name and handle until released. */
  holds: { shortId: string; reason: string }[];
  scrubbed: number;
  flagged: number;
  deleted: { table: string; count: number }[];
}

export const pseudonymOf = (number: number) => `Person ${number}`;


export function identityHash(key: string, person: Pick<Person, 'platform' | 'workspaceExternalId' | 'userId'>): string {
  return createHmac('sha256', key).update(`${person.platform}:${person.workspaceExternalId}:${person.userId}`).digest('hex');
}

export interface EraseInput {
  repos: Repositories;
  person: Person;
  /** The request row of `forget-me`; absent when retention erases on its own. */
  erasureId?: string;
  key: string;
  at: Date;
  actorId: string | null;
  source: 'request' | 'retention';
}

export async function erasePerson({ repos, person, erasureId, key, at, actorId, source }: EraseInput): Promise<ErasureOutcome> {
  const programmeId = person.programmeId;
  const subject = { programmeId, personId: person.id, userId: person.userId };
  const { holds } = await repos.personalData.heldReferences(subject);
  const { number } = await repos.privacy.pseudonymNumber(programmeId, person.id);
  const pseudonym = pseudonymOf(number);
  const identifiers = [...new Set([person.displayName, person.userId].filter((v) => !v.startsWith(FORGOTTEN_PERSON_PREFIX)))];
  const { changed } = await repos.personalData.scrub(programmeId, identifiers, pseudonym);
  const { deleted } = await repos.personalData.deleteOwnRows(subject);
  // Nobody can be introduced to a forgotten person, and their pairs are gone with the rows above: their
  // open needs and offers close (the records stay), so no round proposes them again.
  const { closed: closedPosts } = await repos.exchanges.closePostsOf(programmeId, person.id, at);
  // Proposals waiting for their answer would wait for ever: they close as declined on their side.
  const { declined: declinedProposals } = await repos.exchanges.declineOpenProposalsOf(programmeId, person.id);
  const hash = identityHash(key, person);
  const state = holds.length ? 'held' : 'done';
  if (state === 'done') await repos.privacy.pseudonymise(programmeId, person.id, { displayName: pseudonym, userId: `${FORGOTTEN_PERSON_PREFIX}${hash}` }, at);
  else await repos.privacy.clearProfileFacts(programmeId, person.id, at);
  let id = erasureId;
  if (id) await repos.privacy.finishErasure(id, { state, pseudonymNumber: number, identityHash: hash, at });
  else id = (await repos.privacy.recordRetentionErasure({ programmeId, personId: person.id, state, pseudonymNumber: number, identityHash: hash, at })).erasure.id;
  const review = changed.filter((c) => c.review);
  await repos.privacy.addFlags(review.map((c) => ({ programmeId, erasureId: id, tableName: c.table, rowKey: c.rowKey, columnName: c.column, recordRef: c.recordRef, createdAt: at })));
  // The audit row names the pseudonym and counts, never the name that was erased.
  await repos.audit.record({
    programmeId,
    actorId,
    action: source === 'request' ? 'privacy.forget' : 'retention.pseudonymise',
    subjectType: 'person',
    subjectId: person.id,
    detail: { pseudonym, state, scrubbed: changed.length, flagged: review.length, deleted, closedPosts, declinedProposals, held: holds.map((h) => h.shortId) },
    at,
  });
  return { pseudonym, state, holds, scrubbed: changed.length, flagged: review.length, deleted };
}

/** The key for identity hashes: LOKET_SECRET_KEY on a server; the console has none, so the programme id. */
export function pseudonymKeyFor(configured: string | undefined, programmeId: string): string {
  return configured ?? `loket-console:${programmeId}`;
}
