// An invitation link: `<base64url claims>.<base64url HMAC-SHA256>` as the other signed links
// (handlers/core/signed-links.ts), with a purpose of its own so no other link's signature can be replayed
// as one. It names the planned meeting and the SEQUENCE it was made at: once the meeting moves, the link
// answers that it is outdated instead of handing out the old time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InvitationClaims } from '../core/calendar-port.js';
import { allKeys, ringOf, type SecretKeys } from '../core/key-ring.js';

const PURPOSE = 'loket.invitation.v1.';

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`${PURPOSE}${payload}`).digest();

export function signInvitation(claims: InvitationClaims, keys: SecretKeys): string {
  const payload = Buffer.from(JSON.stringify({ p: claims.programmeId, m: claims.plannedMeetingId, s: claims.sequence, l: claims.language, x: Math.floor(claims.expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${mac(ringOf(keys).current, payload).toString('base64url')}`;
}

export type VerifiedInvitation = { ok: true; claims: Omit<InvitationClaims, 'expiresAt'> } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyInvitation(token: string, keys: SecretKeys, now: Date): VerifiedInvitation {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const signedBy = (secret: string) => {
    const expected = mac(secret, payload);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!allKeys(keys).some(signedBy)) return { ok: false, reason: 'forged' };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { p, m, s, l, x } = data;
  if (typeof p !== 'string' || typeof m !== 'string' || typeof s !== 'number' || (l !== 'sv' && l !== 'en') || typeof x !== 'number') return { ok: false, reason: 'malformed' };
  if (x * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { programmeId: p, plannedMeetingId: m, sequence: s, language: l } };
}
