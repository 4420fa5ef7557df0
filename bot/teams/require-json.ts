// The Teams SDK and the mapping to the core answer 500 when /api/messages gets a body that is not a JSON
// activity (text/plain, an array, nothing) or one whose fields have the wrong type (`"locale": []`). That is
// the sender's mistake: refuse it with a 4xx before the SDK sees it, so a 5xx stays a sign of a real fault
// (found by fuzzing, issue 9). Only the fields LOKET reads are checked; everything else passes through.
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';

const parseJson = express.json({ limit: '1mb' });

const text = z.string().nullish();
const activityShape = z.looseObject({
  type: z.string(),
  id: text,
  text,
  locale: text,
  serviceUrl: text,
  from: z.looseObject({ id: z.string(), name: text, aadObjectId: text }).nullish(),
  conversation: z.looseObject({ id: z.string(), conversationType: text, tenantId: text, isGroup: z.boolean().nullish() }).nullish(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: text }).nullish(), team: z.looseObject({ id: text }).nullish(), eventType: text }).nullish(),
  entities: z.array(z.looseObject({ type: text, text, mentioned: z.looseObject({ id: text, name: text }).nullish() })).nullish(),
});

export function requireJsonActivity(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  if (!req.is('application/json')) {
    res.status(415).json({ error: 'expected an application/json activity' });
    return;
  }
  parseJson(req, res, (error?: unknown) => {
    if (error || !activityShape.safeParse(req.body).success) res.status(400).json({ error: 'expected an activity object' });
    else next();
  });
}
