import { hashCode, newCode } from '../core/codes.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import type { Reply } from '../core/reply.js';
import { erasePerson, pseudonymKeyFor, type ErasureOutcome } from './forget-me-erase.js';
import { t } from '../i18n/index.js';

export const forgetMeExample = 'forget-me confirm K7Q2-9XPM';
// Long enough to read the warning and press the button, short enough that a forgotten code is dead.
const CODE_MINUTES = 15;

/** `forget-me`: asks for confirmation with a single-use code; `forget-me confirm <code>` erases. */
export async function forgetMe(ctx: HandlerContext<{ confirm?: 'confirm'; code?: string }>): Promise<Reply> {
  const { confirm: confirming, code } = ctx.args;
  if (!confirming) return askForConfirmation(ctx);
  if (!code) throw new LoketError('privacy.forget_usage', {}, forgetMeExample);
  return confirm(ctx, code);
}

async function askForConfirmation(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const code = newCode();
  const now = clock.now();
  await repos.privacy.requestErasure({ programmeId: actor.programmeId, personId: actor.personId, codeHash: hashCode(code), expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000), at: now });
  const lang = actor.language;
  const command = `forget-me confirm ${code}`;
  return {
    title: t(lang, 'privacy.forget_title'),
    blocks: [
      { type: 'text', text: t(lang, 'privacy.forget_explain') },
      { type: 'text', text: t(lang, 'privacy.forget_confirm_hint', { command: `\`${command}\``, minutes: CODE_MINUTES }) },
    ],
    buttons: [{ label: t(lang, 'privacy.forget_button'), command, style: 'danger' }],
    visibility: 'private',
  };
}

async function confirm(ctx: HandlerContext, code: string): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const now = clock.now();
  const { erasure } = await repos.privacy.takeRequest(actor.programmeId, actor.personId, hashCode(code), now);
  if (!erasure) throw new LoketError('privacy.forget_code_invalid', {}, 'forget-me');
  const { person } = await repos.people.findById(actor.programmeId, actor.personId);
  const key = pseudonymKeyFor(settings.privacy?.pseudonymKey, actor.programmeId);
  const outcome = await erasePerson({ repos, person: person!, erasureId: erasure.id, key, at: now, actorId: actor.personId, source: 'request' });
  return forgottenReply(outcome, actor.language);
}

/** Says what was done and, honestly, what was not: held records and messages already posted. */
function forgottenReply(outcome: ErasureOutcome, lang: Language): Reply {
  const deleted = outcome.deleted.reduce((sum, d) => sum + d.count, 0);
  const done = outcome.state === 'done' ? t(lang, 'privacy.forget_done', { pseudonym: outcome.pseudonym }) : t(lang, 'privacy.forget_held', { pseudonym: outcome.pseudonym });
  const blocks: Reply['blocks'] = [
    { type: 'text', text: done },
    { type: 'text', text: t(lang, 'privacy.forget_counts', { scrubbed: outcome.scrubbed, flagged: outcome.flagged, deleted }) },
  ];
  const notErased = outcome.holds.map((h) => t(lang, 'privacy.forget_not_erased_hold', { id: h.shortId, reason: h.reason }));
  notErased.push(t(lang, 'privacy.forget_not_erased_posted'));
  notErased.push(t(lang, 'privacy.forget_not_erased_records'));
  blocks.push({ type: 'list', title: t(lang, 'privacy.forget_not_erased_title'), items: notErased });
  return { title: t(lang, 'privacy.forget_title'), blocks, visibility: 'private' };
}
