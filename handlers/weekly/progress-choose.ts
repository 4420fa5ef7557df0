// `progress show` with no cluster, asked by someone who does not lead or deputise exactly one cluster: the
// advisory board (which exists to follow the programme), a project manager, a member. Every cluster's notes
// are readable by every participant, so the reply offers each cluster as one click instead of an error.
import type { HandlerContext } from '../core/context.js';
import { commandRef, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

/** Buttons fit a phone screen; the rest are named in the text. */
const SHOWN = 8;

/** The choice of clusters, or undefined when the asker has exactly one cluster of their own (shown directly). */
export async function chooseProgressCluster(ctx: HandlerContext): Promise<Reply | undefined> {
  const { actor, repos } = ctx;
  const own = actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy');
  if (own.length === 1) return undefined;
  const ownIds = new Set(own.map((m) => m.clusterId));
  const { clusters } = await repos.clusters.list(actor.programmeId);
  // The asker's own clusters first, then the rest by name.
  const names = clusters
    .map(({ cluster }) => cluster)
    .sort((a, b) => Number(ownIds.has(b.id)) - Number(ownIds.has(a.id)) || a.name.localeCompare(b.name, actor.language))
    .map((c) => c.name);
  const lang = actor.language;
  if (names.length === 0) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'progress.show_no_clusters') }] };
  const quote = (name: string) => (/\s/.test(name) ? `"${name}"` : name);
  const text = t(lang, 'progress.show_choose', { command: commandRef(`progress show ${quote(names[0]!)}`, lang) });
  const rest = names.slice(SHOWN);
  return {
    title: t(lang, 'progress.show_choose_title'),
    visibility: 'private',
    blocks: [{ type: 'text', text }, ...(rest.length ? [{ type: 'text' as const, text: rest.join(', ') }] : [])],
    buttons: names.slice(0, SHOWN).map((name) => ({ label: name, command: `progress show ${quote(name)}` })),
  };
}
