// The clusters and who belongs where (docs/architecture.md "Commands"): each command declared once.
import { cluster, clusterName, enumOf, person, text, textLimits } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { clusterAdd } from './cluster-add.js';
import { clusterList } from './cluster-list.js';
import { clusterRename, clusterRetire, renameExample, retireExample } from './cluster-rename.js';
import { clusterRole } from './cluster-role.js';
import { joinCluster } from './join-cluster.js';
import { leaveCluster, leaveExample } from './leave-cluster.js';

/** The roles a cluster has, in English and Swedish. */
export const clusterRoleWord = enumOf(
  { leader: { sv: ['ledare', 'klusterledare'] }, deputy: { sv: ['ersättare', 'biträdande', 'vice', 'ställföreträdare'], also: ['ersattare', 'stallforetradare'] }, member: { sv: ['medlem'] } },
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
      name: positional.rest(clusterName(), { what: 'cluster.name_what' }),
      sector: option('sector', ['sektor', 'bransch'], text('sektor', 'sector', textLimits.title), { required: true, what: 'cluster.sector_what' }),
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
    summary: { sv: 'listar klustren med ledare och antal medlemmar; `alla` visar även avvecklade', en: 'lists the clusters with their leaders and member counts; `all` shows retired ones too' },
    args: { all: positional.optional(enumOf({ all: { sv: ['alla'] } }, 'urval', 'filter')) },
    roles: 'everyone',
    example: { sv: 'cluster list alla', en: 'cluster list all' },
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
  defineCommand({
    verb: 'leave',
    aliases: ['lämna', 'lamna'],
    group: 'start',
    summary: { sv: 'tar dig ur ett kluster (en ledare lämnar över först)', en: 'takes you out of a cluster (a leader hands over first)' },
    args: { cluster: positional.rest(cluster(), { what: 'cluster.name_what' }) },
    // Anyone may leave a cluster they are in; the handler refuses the leader, who hands over first.
    roles: 'everyone',
    example: leaveExample,
    handler: leaveCluster,
  }),
  defineCommand({
    verb: 'cluster rename',
    aliases: ['kluster byt-namn', 'kluster bytnamn', 'kluster döp-om'],
    group: 'admin',
    summary: { sv: 'byter namn på ett kluster; allt det har följer med', en: 'renames a cluster; everything it has goes with it' },
    args: {
      cluster: positional.required(cluster(), { what: 'cluster.name_what' }),
      name: positional.rest(clusterName(), { what: 'cluster.name_what' }),
    },
    // Clusters are the programme's structure, which the project manager answers for.
    roles: ['manager'],
    example: renameExample,
    handler: clusterRename,
  }),
  defineCommand({
    verb: 'cluster retire',
    aliases: ['kluster avveckla'],
    group: 'admin',
    summary: { sv: 'avvecklar ett kluster: historiken finns kvar, inget nytt läggs till', en: 'retires a cluster: its history stays, nothing new is added' },
    args: { cluster: positional.rest(cluster(), { what: 'cluster.name_what' }) },
    // Clusters are the programme's structure, which the project manager answers for.
    roles: ['manager'],
    example: retireExample,
    handler: clusterRetire,
  }),
];
