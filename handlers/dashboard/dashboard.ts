import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Period } from '../core/period.js';
import { textReply, type Reply, type ReplyLink } from '../core/reply.js';
import { DEFAULT_LINK_DAYS } from '../core/signed-links.js';
import { t } from '../i18n/index.js';

export const dashboardExample = 'dashboard';
const DAY_MS = 86_400_000;

/**
 * A fresh link to the programme's web view, for a project manager; undefined for anyone else or where the
 * web view is off. The link carries the programme's current link generation, so `dashboard revoke` ends it.
 * Handing out a link to every participant's figures is audited, like an export.
 */
export async function dashboardLink(ctx: HandlerContext, period?: Period): Promise<(ReplyLink & { local: boolean }) | undefined> {
  const { actor, repos, clock, settings } = ctx;
  if (!settings.dashboard || !actor.programmeRoles.includes('manager')) return undefined;
  const now = clock.now();
  const { generation } = await repos.dashboard.generation(actor.programmeId);
  const expiresAt = new Date(now.getTime() + DEFAULT_LINK_DAYS * DAY_MS);
  const { url, local } = await settings.dashboard.linkFor({ programmeId: actor.programmeId, generation, language: actor.language, expiresAt });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'dashboard.link', subjectType: 'programme', subjectId: actor.programmeId, detail: { generation, expiresAt: expiresAt.toISOString() }, at: now });
  // The page opens on the period the PM asked `status` about, so both show the same numbers.
  const query = period ? `?from=${period.from}&to=${period.to}` : '';
  return { label: t(actor.language, 'dashboard.link_label', { days: DEFAULT_LINK_DAYS }), url: `${url}${query}`, local: Boolean(local) };
}

/** `dashboard`: the project manager's link to the web view (charts of the same numbers as `status`). */
export async function dashboard(ctx: HandlerContext): Promise<Reply> {
  const lang = ctx.actor.language;
  const link = await dashboardLink(ctx);
  if (!link) throw new LoketError('dashboard.unavailable', {}, dashboardExample);
  const text = t(lang, link.local ? 'dashboard.ready_local' : 'dashboard.ready', { days: DEFAULT_LINK_DAYS });
  return textReply(text, { links: [{ label: link.label, url: link.url }] });
}

/** `dashboard revoke`: every dashboard and download link handed out so far stops working at once. */
export async function dashboardRevoke(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const now = clock.now();
  const { generation, files } = await repos.dashboard.revoke({ programmeId: actor.programmeId, by: actor.personId, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'links.revoke', subjectType: 'programme', subjectId: actor.programmeId, detail: { generation, files }, at: now });
  return textReply(t(actor.language, 'dashboard.revoked', { files }));
}
