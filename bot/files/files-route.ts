import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../handlers/core/context.js';
import type { Database } from '../../handlers/core/database.js';
import { forDelivery } from '../../handlers/core/files.js';
import { findPublishedFile } from '../../handlers/core/publish-files.js';
import type { SecretKeys } from '../../handlers/core/key-ring.js';
import { verifyFileToken } from '../../handlers/core/signed-links.js';

/**
 * `GET /files/:token`: serves an export behind a signed, expiring link. A bad or expired signature is 403
 * before anything is looked up; a valid token whose file is not in its programme (or gone) is 404. The
 * content comes from Postgres, so any instance behind the load balancer can serve any link.
 */
export function registerFileRoute(app: Express, deps: { db: Database; secretKey: SecretKeys; clock: Clock; logger: Logger }): void {
  app.get('/files/:token', async (req, res) => {
    const now = deps.clock.now();
    const verified = verifyFileToken(req.params.token, deps.secretKey, now);
    if (!verified.ok) {
      deps.logger.info({ reason: verified.reason }, 'file link refused');
      res.status(403).type('text/plain').send('This link is not valid or has expired. Ask LOKET for a new export.');
      return;
    }
    try {
      const file = await findPublishedFile(deps.db, verified, now);
      if (!file) {
        res.status(404).type('text/plain').send('No such file.');
        return;
      }
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      // Personal data inside: never cached by proxies or kept by the browser.
      res.setHeader('Cache-Control', 'private, no-store');
      res.status(200).send(Buffer.from(forDelivery(file.contentType, file.content), 'utf8'));
    } catch (err) {
      deps.logger.error({ err }, 'serving a file failed');
      res.status(500).type('text/plain').send('LOKET could not serve the file.');
    }
  });
}
