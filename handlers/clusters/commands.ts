// The clusters and who belongs where (docs/architecture.md "Commands"): each command declared once.
import { cluster, enumOf, person, text } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { clusterAdd } from './cluster-add.js';
import { clusterList } from './cluster-list.js';
import { clusterRole } from './cluster-role.js';
import { joinCluster } from './join-cluster.js';

/** The roles a cluster has, in English and Swedish. */
export const clusterRoleWord = enumOf(
  { leader: { sv: ['ledare', 'klusterledare'] }, deputy: { sv: ['ersättare', 'biträdande', 'vice'], also: ['ersattare'] }, member: { sv: ['medlem'] } },
  'roll',
  'role',
);

export const clusterCommands = [
  defineCommand({
    verb: 'cluster add',
    aliases: ['kluster ny', 'kluster lägg-till'],
    group: 'admin',
    summary: { sv: 'lägger till ett kluster', en: 'adds a cluster' },
    args: {
      name: positional.rest(cluster(), { what: 'cluster.name_what' }),
      sector: option('sector', ['sektor', 'bransch'], text('sektor', 'sector'), { required: true, what: 'cluster.sector_what' }),
    },
    // Clusters are the programme's structure, which the project manager answers for.
    roles: ['manager'],
    example: { sv: 'cluster add "Swedish Space Cluster" sektor:rymd', en: 'cluster add "Swedish Space Cluster" sector:space' },
    handler: clusterAdd,
  }),
  defineCommand({
    verb: 'cluster list',
    aliases: ['kluster lista', 'kluster', 'clusters', 'cluster'],
    group: 'start',
    summary: { sv: 'listar klustren med ledare och antal medlemmar', en: 'lists the clusters with their leaders and member counts' },
    args: {},
    roles: 'everyone',
    example: 'cluster list',
    menu: true,
    handler: clusterList,
  }),
  defineCommand({
    verb: 'cluster role',
    aliases: ['kluster roll'],
    group: 'admin',
    summary: { sv: 'gör någon till ledare, ersättare eller medlem i ett kluster', en: 'makes someone leader, deputy or member of a cluster' },
    args: {
      cluster: positional.required(cluster(), { what: 'cluster.name_what' }),
      person: positional.required(person()),
      role: positional.required(clusterRoleWord),
    },
    // A project manager, or the cluster's own leader (the handler checks which cluster).
    roles: ['manager', 'leader'],
    example: { sv: 'cluster role Rymd @anna ersättare', en: 'cluster role Rymd @anna deputy' },
    handler: clusterRole,
  }),
  defineCommand({
    verb: 'join',
    aliases: ['gå-med', 'gåmed', 'ga-med'],
    group: 'start',
    summary: { sv: 'gör dig till medlem i ett kluster', en: 'makes you a member of a cluster' },
    args: { cluster: positional.rest(cluster(), { what: 'cluster.name_what' }) },
    roles: 'everyone',
    example: 'join Rymd',
    handler: joinCluster,
  }),
];
