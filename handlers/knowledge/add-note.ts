import { assertWithin, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textAfterWords } from '../core/free-text.js';
import { requireOpenCluster } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';

const examples = {
  sv: 'note Rymd Testbädden i Kiruna bokas via Anna på IRF, helst sex veckor i förväg.',
  en: 'note Rymd The test bed in Kiruna is booked through Anna at IRF, preferably six weeks ahead.',
} as const;

/** `note <cluster> <text>`: a knowledge entry owned by the cluster, written by its members or a manager. */
export async function addNote(ctx: HandlerContext<{ cluster: string; text: string }>): Promise<Reply> {
  const { args, command, actor, repos, clock } = ctx;
  const example = examples[actor.language];
  const cluster = await requireOpenCluster(ctx, args.cluster, example);
  const member = actor.clusterRoles.some((m) => m.clusterId === cluster.id);
  if (!member && !actor.programmeRoles.includes('manager')) throw new LoketError('note.not_member', { cluster: cluster.name }, `join ${cluster.name}`);
  // Taken as typed, line breaks included: a how-to is often a list (the binder's value joins words with spaces).
  const text = textAfterWords(command.raw, 2) || args.text;
  assertWithin(text, textLimits.body, actor.language, example);
  const { note } = await repos.notes.create({ programmeId: actor.programmeId, clusterId: cluster.id, authorId: actor.personId, text, at: clock.now() });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'note.create', subjectType: 'note', subjectId: note.id, detail: { ref: shortId('N', note.number), clusterId: cluster.id }, at: clock.now() });
  return textReply(t(actor.language, 'note.saved', { id: shortId('N', note.number), cluster: cluster.name }));
}
