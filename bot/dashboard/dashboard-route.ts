import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../handlers/core/context.js';
import type { Database } from '../../handlers/core/database.js';
import { dayIn, parseDay } from '../../handlers/core/dates.js';
import type { Language } from '../../handlers/core/incoming.js';
import { quarterOf, type Period } from '../../handlers/core/period.js';
import type { SecretKeys } from '../../handlers/core/key-ring.js';
import { verifyDashboardToken } from '../../handlers/core/signed-links.js';
import { loadDashboardPage } from '../../handlers/dashboard/dashboard-page.js';
import { t } from '../../handlers/i18n/index.js';
import { renderClusterBody } from './cluster-page.js';
import { frame, type PageLinks } from './page-frame.js';
import { renderProgrammeBody } from './programme-page.js';

export interface DashboardRouteDeps {
  db: Database;
  /** LOKET_SECRET_KEY, with the keys it replaced: links signed before a rotation verify until they expire. */
  secretKey: SecretKeys;
  clock: Clock;
  logger: Logger;
  timezone: string;
}

// The refusal names no programme and shows no figure: the asker may hold a leaked or forged link.
const REFUSED = 'Länken gäller inte: den är fel, har gått ut eller har stängts. Be LOKET om en ny med `dashboard`.\n'
  + 'This link is not valid: it is wrong, has expired or has been revoked. Ask LOKET for a new one with `dashboard`.\n';

interface Access {
  programmeId: string;
  generation: number;
  lang: Language;
  period: Period;
  periodInvalid: boolean;
  today: string;
}

function refuse(res: Response, status: 401 | 403, deps: DashboardRouteDeps, reason: string): void {
  deps.logger.info({ reason }, 'dashboard link refused');
  res.status(status).type('text/plain; charset=utf-8').send(REFUSED);
}

/** The period from `?from=&to=`, else the current quarter (as `status`); unreadable → the default, flagged. */
function periodOf(req: Request, today: string): { period: Period; invalid: boolean } {
  const fallback = quarterOf(today);
  const raw = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
  const [typedFrom, typedTo] = [raw('from'), raw('to')];
  const from = typedFrom ? parseDay(typedFrom) : fallback.from;
  const to = typedTo ? parseDay(typedTo) : fallback.to;
  if (!from || !to || to < from) return { period: fallback, invalid: true };
  return { period: { from, to }, invalid: false };
}

/** Signature and expiry; the programme's current link generation is checked with the page's figures
 *  (handlers/dashboard/dashboard-page.ts), since a revoke retires older links. */
function authorise(req: Request, res: Response, deps: DashboardRouteDeps): Access | undefined {
  const now = deps.clock.now();
  const verified = verifyDashboardToken(String(req.params.token), deps.secretKey, now);
  if (!verified.ok) return void refuse(res, 403, deps, verified.reason);
  const asked = req.query.lang;
  const lang: Language = asked === 'sv' || asked === 'en' ? asked : verified.language;
  const today = dayIn(deps.timezone, now);
  const { period, invalid } = periodOf(req, today);
  return { programmeId: verified.programmeId, generation: verified.generation, lang, period, periodInvalid: invalid, today };
}

/** Relative links, so the pages work under any LOKET_PUBLIC_URL prefix and on the console's local server. */
function linksFor(token: string, access: Access, clusterId?: string): PageLinks {
  const query = (lang: Language) => `?from=${access.period.from}&to=${access.period.to}&lang=${lang}`;
  const here = clusterId ?? token;
  const toProgramme = clusterId ? `../../${token}` : token;
  const toCluster = (id: string) => (clusterId ? id : `${token}/clusters/${id}`);
  return {
    action: here,
    programme: `${toProgramme}${query(access.lang)}`,
    cluster: (id) => `${toCluster(id)}${query(access.lang)}`,
    otherLanguage: `${here}${query(access.lang === 'sv' ? 'en' : 'sv')}`,
  };
}

function send(res: Response, html: string): void {
  // Personal statistics: never cached; the token must not leak through a Referer; no script may run.
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'");
  res.status(200).type('text/html; charset=utf-8').send(html);
}

/** `GET /dashboard/:token` (the programme) and `GET /dashboard/:token/clusters/:clusterId` (one cluster). */
export function registerDashboardRoute(app: Express, deps: DashboardRouteDeps): void {
  app.get('/dashboard', (_req, res) => refuse(res, 401, deps, 'missing'));
  app.get('/dashboard/:token', (req, res) => serve(req, res, deps, undefined));
  app.get('/dashboard/:token/clusters/:clusterId', (req, res) => serve(req, res, deps, String(req.params.clusterId)));
}

async function serve(req: Request, res: Response, deps: DashboardRouteDeps, clusterId: string | undefined): Promise<void> {
  try {
    const access = authorise(req, res, deps);
    if (!access) return;
    // One transaction for the generation check and every figure on the page (see dashboard-page.ts).
    const page = await loadDashboardPage(deps.db, {
      programmeId: access.programmeId,
      generation: access.generation,
      ...(clusterId ? { clusterId } : {}),
      period: access.period,
      today: access.today,
      timezone: deps.timezone,
      language: access.lang,
    });
    if (page.kind === 'revoked') return refuse(res, 403, deps, 'revoked');
    if (page.kind === 'no-cluster') return refuse(res, 403, deps, 'other programme');
    const token = String(req.params.token);
    const notice = access.periodInvalid ? t(access.lang, 'dashboard.period_invalid', { ...access.period }) : undefined;
    const base = { lang: access.lang, period: access.period, links: linksFor(token, access, clusterId), notice, now: access.today };
    if (page.kind === 'programme') {
      const { view } = page;
      send(res, frame({ ...base, title: t(access.lang, 'dashboard.page_title', { programme: view.programmeName, ...access.period }), body: renderProgrammeBody(access.lang, view, base.links) }));
      return;
    }
    const { view } = page;
    send(res, frame({ ...base, back: true, title: t(access.lang, 'dashboard.cluster_page_title', { cluster: view.cluster.name, ...access.period }), body: renderClusterBody(access.lang, view, access.today) }));
  } catch (err) {
    deps.logger.error({ err }, 'serving the dashboard failed');
    if (!res.headersSent) res.status(500).type('text/plain').send('LOKET could not show the page.');
  }
}
