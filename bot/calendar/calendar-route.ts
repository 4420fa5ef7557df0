import type { Express, Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../handlers/core/context.js';
import type { Database } from '../../handlers/core/database.js';
import type { SecretKeys } from '../../handlers/core/key-ring.js';
import { feedResponse, invitationResponse, type CalendarResponse } from '../../handlers/agenda/calendar-serve.js';
import { verifyInvitation } from '../../handlers/core/signed-links.js';

export interface CalendarRouteDeps {
  db: Database;
  secretKey: SecretKeys;
  clock: Clock;
  logger: Logger;
  timezone: string;
}

// Names no meeting and no person: the asker may hold a forged, expired or revoked link.
const REFUSED = 'Länken gäller inte längre. Be LOKET om en ny med `calendar` eller `meeting invite <id>`.\n'
  + 'This link is no longer valid. Ask LOKET for a new one with `calendar` or `meeting invite <id>`.\n';

function send(res: Response, response: CalendarResponse): void {
  // Personal: never cached by proxies; the token must not leak through a Referer.
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (response.status !== 200) {
    res.status(response.status).type('text/plain; charset=utf-8').send(`${response.text}\n`);
    return;
  }
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${response.filename}"`);
  res.status(200).send(response.body);
}

/**
 * `GET /calendar/invitations/:token` – one planned meeting's invitation behind a signed link; a link made
 * before the meeting moved answers 410 with the localised reason. `GET /calendar/feeds/:token` (`.ics`
 * optional) – a person's feed behind their random, revocable token.
 */
export function registerCalendarRoute(app: Express, deps: CalendarRouteDeps): void {
  const serve = { db: deps.db, clock: deps.clock, timezone: deps.timezone };
  app.get('/calendar/invitations/:token', async (req, res) => {
    const verified = verifyInvitation(String(req.params.token).replace(/\.ics$/, ''), deps.secretKey, deps.clock.now());
    if (!verified.ok) {
      deps.logger.info({ reason: verified.reason }, 'invitation link refused');
      res.status(403).type('text/plain; charset=utf-8').send(REFUSED);
      return;
    }
    try {
      send(res, await invitationResponse(serve, verified.claims));
    } catch (err) {
      deps.logger.error({ err }, 'serving an invitation failed');
      res.status(500).type('text/plain').send('LOKET could not serve the invitation.');
    }
  });
  app.get('/calendar/feeds/:token', async (req, res) => {
    try {
      const response = await feedResponse(serve, String(req.params.token).replace(/\.ics$/, ''));
      if (!response) {
        deps.logger.info('calendar feed refused');
        res.status(404).type('text/plain; charset=utf-8').send(REFUSED);
        return;
      }
      send(res, response);
    } catch (err) {
      deps.logger.error({ err }, 'serving a calendar feed failed');
      res.status(500).type('text/plain').send('LOKET could not serve the calendar.');
    }
  });
}
