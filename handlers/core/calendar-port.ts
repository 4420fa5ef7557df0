import type { Language } from './incoming.js';

/** What an invitation link grants: one planned meeting as it stood at one SEQUENCE (issue 22). */
export interface InvitationClaims {
  programmeId: string;
  plannedMeetingId: string;
  sequence: number;
  language: Language;
  expiresAt: Date;
}

/**
 * The calendar port. On a server the composition root hands out links under LOKET_PUBLIC_URL: a signed
 * invitation per planned meeting and a person's feed by its random token. Absent (the console, tests of
 * other features) → the invitation is written as a file and `calendar` says feeds need the server.
 */
export interface CalendarLinks {
  invitationUrl(claims: InvitationClaims): string;
  feedUrl(token: string): string;
}
