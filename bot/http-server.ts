import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';

export interface Readiness {
  /** Database reachable and migrated. */
  ready(): Promise<boolean>;
}

/** The one HTTP application: health endpoints and metrics here, Slack and Teams mount their routes on it. */
export function createHttpApp({ readiness, logger, metrics }: { readiness: Readiness; logger: Logger; metrics?: RequestHandler }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const ready = await readiness.ready().catch((err: unknown) => {
      logger.warn({ err }, 'readiness check failed');
      return false;
    });
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  // Prometheus's scrape (bot/metrics.ts; README "Metrics").
  if (metrics) app.get('/metrics', metrics);
  return app;
}
