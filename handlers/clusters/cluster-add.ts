import { option, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'cluster add "Swedish Space Cluster" sector:space';

export async function clusterAdd({ command, actor, repos, clock }: HandlerContext): Promise<Reply> {
  const name = positional(command).join(' ').trim();
  const sector = option(command, 'sector')?.trim();
  if (!name) throw new LoketError('args.missing', { what: 'cluster.name_what' }, example);
  if (!sector) throw new LoketError('args.missing', { what: 'cluster.sector_what' }, example);
  const now = clock.now();
  const { cluster } = await repos.clusters.create({ programmeId: actor.programmeId, name, sector, at: now });
  if (!cluster) throw new LoketError('cluster.exists', { cluster: name }, 'cluster list');
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.add', subjectType: 'cluster', subjectId: cluster.id, detail: { name, sector }, at: now });
  const joinName = /\s/.test(name) ? `"${name}"` : name;
  return textReply(t(actor.language, 'cluster.added', { cluster: name, sector, example: joinName }));
}
