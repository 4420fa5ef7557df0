import type { HandlerContext } from '../core/context.js';
import { hashCode, newCode } from '../core/codes.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

// Long enough to reach another organisation's IT department, short enough not to linger.
const INVITE_VALID_MS = 7 * 24 * 60 * 60 * 1000;

export async function programmeInvite({ actor, repos, clock, settings }: HandlerContext): Promise<Reply> {
  const now = clock.now();
  const code = newCode();
  const expiresAt = new Date(now.getTime() + INVITE_VALID_MS);
  await repos.codes.create({ programmeId: actor.programmeId, purpose: 'invite', codeHash: hashCode(code), expiresAt, createdBy: actor.personId });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'programme.invite', subjectType: 'programme', subjectId: actor.programmeId, at: now });
  const expires = new Intl.DateTimeFormat(actor.language === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timezone }).format(expiresAt);
  return textReply(t(actor.language, 'invite.ok', { code, expires }));
}
