// Lookups that several handlers share; each turns "not there" into a LoketError the user can act on.
import type { Person } from '../../db/people.repository.js';
import type { Cluster } from '../../db/clusters.repository.js';
import type { PersonRef } from './command.js';
import type { HandlerContext } from './context.js';
import { dayIn } from './dates.js';
import { LoketError } from './errors.js';
import { list } from '../i18n/index.js';

export async function requireCluster(ctx: HandlerContext, name: string | undefined, example: string): Promise<Cluster> {
  if (!name) throw new LoketError('args.missing', { what: 'cluster.name_what' }, example);
  // Cluster names are unique per programme, case-insensitively (clusters_programme_name_idx).
  const own = ctx.actor.openClusters?.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (own) return own;
  const { cluster } = await ctx.repos.clusters.findByName(ctx.actor.programmeId, name);
  if (cluster) return cluster;
  const { clusters } = await ctx.repos.clusters.list(ctx.actor.programmeId);
  const names = clusters.map((c) => c.cluster.name);
  const known = list(ctx.actor.language, names);
  const refusal = new LoketError('cluster.not_found', { cluster: name, known: known || 'cluster.none_yet' }, example);
  const meant = clusterBeginningWith(names, name);
  throw meant ? refusal.withHint('cluster.did_you_mean', { cluster: meant }) : refusal;
}

/** The one cluster with a word that begins with what was typed (`mat` → «Mat & Dryck Norr»), three letters
 *  or more: said as a question, never taken, since a note in the wrong cluster is worse than a second try. */
function clusterBeginningWith(names: string[], typed: string): string | undefined {
  const start = typed.trim().toLocaleLowerCase('sv');
  if (start.length < 3) return undefined;
  const matches = names.filter((name) => name.toLocaleLowerCase('sv').split(/[\s&/,.()<>«»”"-]+/).some((word) => word.startsWith(start)) || name.toLocaleLowerCase('sv').startsWith(start));
  return matches.length === 1 ? matches[0] : undefined;
}

/** A cluster that takes new work (a meeting, note, weekly note, exchange, member): a retired one is refused,
 *  naming it, since its records stay readable but nothing new is added (`cluster retire`). */
export async function requireOpenCluster(ctx: HandlerContext, name: string | undefined, example: string): Promise<Cluster> {
  const cluster = await requireCluster(ctx, name, example);
  if (cluster.retiredAt) throw retiredCluster(ctx, cluster);
  return cluster;
}

/** The refusal of new work in a retired cluster, with the day it was retired. */
export function retiredCluster(ctx: Pick<HandlerContext, 'settings'>, cluster: Pick<Cluster, 'name' | 'retiredAt'>): LoketError {
  return new LoketError('cluster.retired', { cluster: cluster.name, date: cluster.retiredAt ? dayIn(ctx.settings.timezone, cluster.retiredAt) : '' }, 'cluster list all');
}

/** A person named in a command. A platform mention of someone LOKET has not met yet creates them: the
 *  platform vouches for the id, and their workspace is the asker's (mentions never cross workspaces). */
export async function resolvePerson(ctx: HandlerContext, ref: PersonRef | undefined, example: string): Promise<Person> {
  const { actor, repos, clock } = ctx;
  if (!ref) throw new LoketError('args.missing', { what: 'person.what' }, example);
  if (ref.type === 'me') return (await repos.people.findById(actor.programmeId, actor.personId)).person!;
  if (ref.type === 'platform') {
    const { person } = await repos.people.findByPlatformId(actor.programmeId, actor.platform, ref.id);
    if (person) return person;
    const name = ref.name ?? ctx.message.mentionNames?.[ref.id];
    const identity = { programmeId: actor.programmeId, platform: actor.platform, workspaceExternalId: actor.workspaceId, userId: ref.id };
    return (await repos.people.upsert(identity, name, clock.now())).person;
  }
  const { people } = await repos.people.findByName(actor.programmeId, ref.name);
  if (people.length === 1) return people[0]!;
  // The console's `as @name` people are known by their handle too.
  if (people.length === 0 && actor.platform === 'console') {
    const { person } = await repos.people.findByPlatformId(actor.programmeId, 'console', ref.name);
    if (person) return person;
  }
  throw new LoketError(people.length ? 'person.ambiguous' : 'person.not_found', { person: `@${ref.name}` }, example);
}
