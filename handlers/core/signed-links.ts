// Signed, expiring links: `<base64url payload>.<base64url HMAC-SHA256>`. The payload names what the link
// grants (one file, or one programme's web view), its programme and the expiry, so a token grants exactly
// that until it expires, and verifying needs no lookup before the signature has been checked.
// Revoking: a dashboard token also carries the programme's link generation, checked against Postgres on
// every request; `dashboard revoke` bumps it and expires the stored files behind the download links
// (db/dashboard.repository.ts), which retires every link handed out so far on every instance.
// A calendar invitation (issue 22) names a planned meeting and the SEQUENCE it was made at: once the meeting
// moves, the link answers that it is outdated instead of handing out the old time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InvitationClaims } from './calendar-port.js';
import type { FileSink } from './files.js';
import type { Language } from './incoming.js';
import { allKeys, ringOf, type SecretKeys } from './key-ring.js';

// docs/architecture.md: exports are delivered as expiring links; a week covers "I'll download it on Monday".
export const DEFAULT_LINK_DAYS = 7;

interface Payload {
  f: string;
  p: string;
  /** Expiry, seconds since the epoch. */
  x: number;
}

interface DashboardPayload {
  p: string;
  /** The programme's link generation when signed. */
  g: number;
  /** The language of the PM the link was handed to. */
  l: Language;
  x: number;
}

interface InvitationPayload {
  p: string;
  /** The planned meeting. */
  m: string;
  /** Its SEQUENCE when the link was made. */
  s: number;
  l: Language;
  x: number;
}

type Failure = { ok: false; reason: 'malformed' | 'forged' | 'expired' };
export type Verified = { ok: true; fileId: string; programmeId: string } | Failure;
export type VerifiedDashboard = { ok: true; programmeId: string; generation: number; language: Language } | Failure;
export type VerifiedInvitation = { ok: true; claims: Omit<InvitationClaims, 'expiresAt'> } | Failure;

// A purpose prefix per kind of link, so a signature made for one can never be replayed as another.
type Purpose = 'loket.file.v1.' | 'loket.dashboard.v1.' | 'loket.invitation.v1.';

function mac(purpose: Purpose, secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}${payload}`).digest();
}

/** Signed with the ring's current key only. */
function sign(purpose: Purpose, claims: object, keys: SecretKeys): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(purpose, ringOf(keys).current, payload).toString('base64url')}`;
}

/** The claims of a well-signed, unexpired token; the caller checks their shape. A signature by any key of
 *  the ring counts, so links handed out before a key rotation keep working until they expire. */
function open(purpose: Purpose, token: string, keys: SecretKeys, now: Date): { ok: true; data: Record<string, unknown> } | Failure {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  // Constant-time compare; the length check first because timingSafeEqual throws on unequal lengths.
  const signedBy = (secret: string) => {
    const expected = mac(purpose, secret, payload);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!allKeys(keys).some(signedBy)) return { ok: false, reason: 'forged' };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof data !== 'object' || data === null || typeof data.x !== 'number') return { ok: false, reason: 'malformed' };
  if (data.x * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, data };
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function signFileToken(input: { fileId: string; programmeId: string; expiresAt: Date }, keys: SecretKeys): string {
  return sign('loket.file.v1.', { f: input.fileId, p: input.programmeId, x: seconds(input.expiresAt) } satisfies Payload, keys);
}

export function verifyFileToken(token: string, keys: SecretKeys, now: Date): Verified {
  const opened = open('loket.file.v1.', token, keys, now);
  if (!opened.ok) return opened;
  const { f, p } = opened.data;
  if (typeof f !== 'string' || typeof p !== 'string') return { ok: false, reason: 'malformed' };
  return { ok: true, fileId: f, programmeId: p };
}

export function signDashboardToken(input: { programmeId: string; generation: number; language: Language; expiresAt: Date }, keys: SecretKeys): string {
  const claims: DashboardPayload = { p: input.programmeId, g: input.generation, l: input.language, x: seconds(input.expiresAt) };
  return sign('loket.dashboard.v1.', claims, keys);
}

/** Signature and expiry only: whether the generation is still current is the caller's database question. */
export function verifyDashboardToken(token: string, keys: SecretKeys, now: Date): VerifiedDashboard {
  const opened = open('loket.dashboard.v1.', token, keys, now);
  if (!opened.ok) return opened;
  const { p, g, l } = opened.data;
  if (typeof p !== 'string' || typeof g !== 'number' || (l !== 'sv' && l !== 'en')) return { ok: false, reason: 'malformed' };
  return { ok: true, programmeId: p, generation: g, language: l };
}

export function signInvitation(claims: InvitationClaims, keys: SecretKeys): string {
  const payload: InvitationPayload = { p: claims.programmeId, m: claims.plannedMeetingId, s: claims.sequence, l: claims.language, x: seconds(claims.expiresAt) };
  return sign('loket.invitation.v1.', payload, keys);
}

/** Signature, expiry and shape: whether the meeting still stands at that SEQUENCE is the caller's database question. */
export function verifyInvitation(token: string, keys: SecretKeys, now: Date): VerifiedInvitation {
  const opened = open('loket.invitation.v1.', token, keys, now);
  if (!opened.ok) return opened;
  const { p, m, s, l } = opened.data;
  if (typeof p !== 'string' || typeof m !== 'string' || typeof s !== 'number' || (l !== 'sv' && l !== 'en')) return { ok: false, reason: 'malformed' };
  return { ok: true, claims: { programmeId: p, plannedMeetingId: m, sequence: s, language: l } };
}

/** The server's sink: a link under LOKET_PUBLIC_URL that `GET /files/:token` serves. */
export function createSignedLinkSink(input: { publicUrl: string; secretKey: SecretKeys }): FileSink {
  return {
    async publish(file) {
      const token = signFileToken({ fileId: file.fileId, programmeId: file.programmeId, expiresAt: file.expiresAt }, input.secretKey);
      return { url: `${input.publicUrl.replace(/\/$/, '')}/files/${token}` };
    },
  };
}
