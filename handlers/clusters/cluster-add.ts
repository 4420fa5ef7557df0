import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'cluster add "Swedish Space Cluster" sector:space';

export async function clusterAdd({ args, actor, repos, clock }: HandlerContext<{ name: string; sector: string }>): Promise<Reply> {
  const { name, sector } = args;
  const now = clock.now();
  const { cluster } = await repos.clusters.create({ programmeId: actor.programmeId, name, sector, at: now });
  if (!cluster) throw new LoketError('cluster.exists', { cluster: name }, 'cluster list');
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.add', subjectType: 'cluster', subjectId: cluster.id, detail: { name, sector }, at: now });
  const joinName = /\s/.test(name) ? `"${name}"` : name;
  return textReply(t(actor.language, 'cluster.added', { cluster: name, sector, example: joinName }));
}
