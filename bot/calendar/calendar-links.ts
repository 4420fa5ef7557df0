import type { CalendarLinks } from '../../handlers/core/calendar-port.js';
import type { SecretKeys } from '../../handlers/core/key-ring.js';
import { signInvitation } from '../../handlers/core/signed-links.js';

/** On a server: links under LOKET_PUBLIC_URL, served by the one HTTP server (registerCalendarRoute). */
export function createCalendarLinks(input: { publicUrl: string; secretKey: SecretKeys }): CalendarLinks {
  const base = input.publicUrl.replace(/\/$/, '');
  return {
    invitationUrl: (claims) => `${base}/calendar/invitations/${signInvitation(claims, input.secretKey)}.ics`,
    feedUrl: (token) => `${base}/calendar/feeds/${token}.ics`,
  };
}
