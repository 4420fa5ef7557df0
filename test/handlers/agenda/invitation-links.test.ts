import { describe, expect, it } from 'vitest';
import { keyRing } from '../../../handlers/core/key-ring.js';
import { signDashboardToken, signInvitation, verifyDashboardToken, verifyInvitation } from '../../../handlers/core/signed-links.js';

// Calendar invitations are signed by the one signing module (handlers/core/signed-links.ts) with a purpose of
// their own. A link handed out before the signing moved there must keep verifying: this token was made by
// the former handlers/agenda/invitation-token.ts with the key below.
const OLD_KEY = 'an-old-invitation-key-of-at-least-32-chars';
const OLD_LINK =
  'eyJwIjoiMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxIiwibSI6IjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMiIsInMiOjMsImwiOiJzdiIsIngiOjQwNzA5MDg4MDB9._fdm3uNqInQXY9dQf4gIwZj3R_BtZxHcsiWt5lf125c';
const claims = { programmeId: '00000000-0000-4000-8000-000000000001', plannedMeetingId: '00000000-0000-4000-8000-000000000002', sequence: 3, language: 'sv' as const };
const now = new Date('2026-03-02T09:00:00Z');

describe('invitation links', () => {
  it('a link made before the signing moved into core verifies, and the same claims sign to the same link', () => {
    expect(verifyInvitation(OLD_LINK, OLD_KEY, now)).toEqual({ ok: true, claims });
    expect(signInvitation({ ...claims, expiresAt: new Date('2099-01-01T00:00:00Z') }, OLD_KEY)).toBe(OLD_LINK);
    // After a key rotation the old key still verifies it.
    expect(verifyInvitation(OLD_LINK, keyRing('a-newer-invitation-key-of-32-characters!', [OLD_KEY]), now).ok).toBe(true);
  });

  it('a tampered, expired or other-purpose token is refused', () => {
    const [payload, signature] = OLD_LINK.split('.');
    expect(verifyInvitation(`${payload}.${signature!.slice(0, -2)}AA`, OLD_KEY, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyInvitation(OLD_LINK, 'another-key-of-at-least-thirty-two-chars', now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyInvitation(OLD_LINK, OLD_KEY, new Date('2099-01-02T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyInvitation('nonsense', OLD_KEY, now)).toEqual({ ok: false, reason: 'malformed' });
    // A dashboard token is not an invitation, nor the other way round.
    const dashboard = signDashboardToken({ programmeId: claims.programmeId, generation: 1, language: 'sv', expiresAt: new Date('2099-01-01T00:00:00Z') }, OLD_KEY);
    expect(verifyInvitation(dashboard, OLD_KEY, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDashboardToken(OLD_LINK, OLD_KEY, now)).toEqual({ ok: false, reason: 'forged' });
  });
});
