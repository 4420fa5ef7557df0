// `note review N5` (also `note keep N5`): the entry is still true; its review interval starts again.
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { dayIn } from '../core/dates.js';
import { t } from '../i18n/index.js';

export const noteReviewExample = 'note review N5';

export async function noteReview(ctx: HandlerContext<{ id: { number: number } }>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const { number } = ctx.args.id;
  const now = clock.now();
  const { entry } = await repos.knowledge.findByNumber(actor.programmeId, number, now);
  if (!entry) throw new LoketError('note.review_not_found', { id: `N${number}` }, noteReviewExample);
  // The owner keeps it true; the cluster's leader or deputy and a PM may vouch for it too (the owner may be gone).
  const mayReview =
    entry.ownerId === actor.personId ||
    actor.programmeRoles.includes('manager') ||
    actor.clusterRoles.some((m) => m.clusterId === entry.clusterId && (m.role === 'leader' || m.role === 'deputy'));
  if (!mayReview) throw new LoketError('note.review_not_allowed', { id: `N${number}`, owner: entry.owner }, noteReviewExample);
  await repos.knowledge.markReviewed(actor.programmeId, entry.id, now);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'note.review', subjectType: 'note', subjectId: entry.id, detail: { number }, at: now });
  return textReply(t(actor.language, 'note.reviewed', { id: `N${number}`, months: entry.reviewMonths, date: dayIn(settings.timezone, now) }));
}
