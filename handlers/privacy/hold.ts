import type { HoldKind } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { textReply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import type { Bilingual } from '../core/spec.js';
import { t } from '../i18n/index.js';

export const holdExample: Bilingual = { sv: 'hold M12 skäl:"Revision av Tillväxtverket 2027"', en: 'hold M12 reason:"Audit by Tillväxtverket 2027"' };
export const holdReleaseExample = 'hold release M12';

/** A short id as the binder read it (M12, A34, N5, X7, G3, P9). */
type RecordId = { kind: HoldKind; number: number };

/** The record behind a typed short id, or a refusal with an example. */
async function requireRecord(ctx: HandlerContext<{ record: RecordId }>, example: string) {
  const { kind, number } = ctx.args.record;
  const { id } = await ctx.repos.privacy.findRecord(ctx.actor.programmeId, kind, number);
  const typed = shortId(kind, number);
  if (!id) throw new LoketError('privacy.hold_not_found', { id: typed }, example);
  return { kind, id, shortId: typed };
}

/** `hold <id> reason:…` (PM): erasure and retention leave the record as it is, and say why. */
export async function hold(ctx: HandlerContext<{ record: RecordId; reason: string }>): Promise<Reply> {
  const { actor, repos, clock, args } = ctx;
  const record = await requireRecord(ctx, holdExample[actor.language]);
  const { reason } = args;
  const now = clock.now();
  const { hold: placed } = await repos.privacy.hold({ programmeId: actor.programmeId, kind: record.kind, entityId: record.id, shortId: record.shortId, reason, heldBy: actor.personId, at: now });
  if (!placed) {
    const { hold: existing } = await repos.privacy.activeHold(actor.programmeId, record.id);
    throw new LoketError('privacy.hold_exists', { id: record.shortId, reason: existing?.reason ?? '' }, holdReleaseExample);
  }
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'hold.place', subjectType: record.kind, subjectId: record.id, detail: { id: record.shortId, reason }, at: now });
  return textReply(t(actor.language, 'privacy.hold_done', { id: record.shortId, reason }));
}

/** `hold release <id>` (PM): the record follows erasure and retention again. */
export async function holdRelease(ctx: HandlerContext<{ record: RecordId }>): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const record = await requireRecord(ctx, holdReleaseExample);
  const now = clock.now();
  const { hold: released } = await repos.privacy.release(actor.programmeId, record.id, actor.personId, now);
  if (!released) throw new LoketError('privacy.hold_none', { id: record.shortId }, holdExample[actor.language]);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'hold.release', subjectType: record.kind, subjectId: record.id, detail: { id: record.shortId, reason: released.reason }, at: now });
  return textReply(t(actor.language, 'privacy.hold_released', { id: record.shortId }));
}

/** `privacy flags` (PM): active holds, erasures waiting for a hold, and mentions to review;
 *  `privacy flags done` records that the listed texts were reviewed. */
export async function privacyFlags(ctx: HandlerContext<{ done?: 'done' }>): Promise<Reply> {
  const { actor, repos, clock, args, settings } = ctx;
  const lang = actor.language;
  if (args.done) {
    const { resolved } = await repos.privacy.resolveFlags(actor.programmeId, clock.now());
    await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'privacy.flags_reviewed', subjectType: 'programme', subjectId: actor.programmeId, detail: { resolved }, at: clock.now() });
    return textReply(t(lang, 'privacy.flags_resolved', { count: resolved }));
  }
  const { holds } = await repos.privacy.listHolds(actor.programmeId);
  const { erasures } = await repos.privacy.heldErasures(actor.programmeId);
  const { flags } = await repos.privacy.openFlags(actor.programmeId);
  const none = t(lang, 'privacy.flags_none');
  const blocks: Reply['blocks'] = [
    { type: 'list', title: t(lang, 'privacy.holds_title', { count: holds.length }), items: holds.length ? holds.map((h) => t(lang, 'privacy.hold_item', { id: h.shortId, reason: h.reason, date: dayIn(settings.timezone, h.heldAt) })) : [none] },
    { type: 'list', title: t(lang, 'privacy.pending_title', { count: erasures.length }), items: erasures.length ? erasures.map((e) => t(lang, 'privacy.pending_item', { pseudonym: `Person ${e.pseudonymNumber ?? '?'}` })) : [none] },
    { type: 'list', title: t(lang, 'privacy.flags_title', { count: flags.length }), items: flags.length ? flags.map((f) => t(lang, 'privacy.flag_item', { ref: f.recordRef ?? `${f.tableName} ${f.rowKey.slice(0, 8)}`, column: f.columnName })) : [none] },
  ];
  return { title: t(lang, 'privacy.flags_heading'), blocks, visibility: 'private' };
}
