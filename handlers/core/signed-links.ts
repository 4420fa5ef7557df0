// Signed, expiring download links: `<base64url payload>.<base64url HMAC-SHA256>`. The payload names the
// file, its programme and the expiry, so a token grants exactly one file of one programme until it expires,
// and verifying needs no lookup before the signature has been checked.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FileSink } from './files.js';

// DESIGN.md: exports are delivered as expiring links; a week covers "I'll download it on Monday".
export const DEFAULT_LINK_DAYS = 7;

interface Payload {
  f: string;
  p: string;
  /** Expiry, seconds since the epoch. */
  x: number;
}

export type Verified = { ok: true; fileId: string; programmeId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

function mac(secret: string, payload: string): Buffer {
  // A purpose prefix, so a signature made here can never be replayed where the same key signs something else.
  return createHmac('sha256', secret).update(`loket.file.v1.${payload}`).digest();
}

export function signFileToken(input: { fileId: string; programmeId: string; expiresAt: Date }, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ f: input.fileId, p: input.programmeId, x: Math.floor(input.expiresAt.getTime() / 1000) } satisfies Payload)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyFileToken(token: string, secret: string, now: Date): Verified {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  // Constant-time compare; the length check first because timingSafeEqual throws on unequal lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let data: Payload;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof data.f !== 'string' || typeof data.p !== 'string' || typeof data.x !== 'number') return { ok: false, reason: 'malformed' };
  if (data.x * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, fileId: data.f, programmeId: data.p };
}

/** The server's sink: a link under LOKET_PUBLIC_URL that `GET /files/:token` serves. */
export function createSignedLinkSink(input: { publicUrl: string; secretKey: string }): FileSink {
  return {
    async publish(file) {
      const token = signFileToken({ fileId: file.fileId, programmeId: file.programmeId, expiresAt: file.expiresAt }, input.secretKey);
      return { url: `${input.publicUrl.replace(/\/$/, '')}/files/${token}` };
    },
  };
}
