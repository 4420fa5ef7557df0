import type { clustersCatalogSv } from './catalog.sv.js';

export const clustersCatalogEn: Record<keyof typeof clustersCatalogSv, string> = {
  'cluster.name_what': "The cluster's name",
  'cluster.sector_what': 'A sector (sector:…)',
  'cluster.added': 'The cluster “{cluster}” (sector: {sector}) has been added. Members join with `/loket join {example}`.',
  'cluster.exists': 'There is already a cluster called “{cluster}”.',
  'cluster.not_found': 'I cannot find a cluster called “{cluster}”. There are: {known}.',
  'cluster.none_yet': 'no clusters yet',
  'cluster.list_title': 'Clusters ({count})',
  'cluster.list_empty': 'No clusters yet. A project manager adds one with `/loket cluster add <name> sector:<sector>`.',
  'cluster.list_item': '{cluster} – {sector} – leader: {leader}{deputies} – {members} members',
  'cluster.list_deputies': ', deputies: {names}',
  'cluster.role_ok': '{person} is now {role} of {cluster}.',
  'cluster.role_previous_leader': '{person} was leader and is now deputy.',
  'cluster.role_invalid': 'There is no cluster role “{role}”. Choose leader, deputy or member.',
  'cluster.role_not_allowed': "Only the project manager or the cluster's leader can change roles in {cluster}.",
  'join.ok': 'You are now a member of {cluster}.',
  'join.already': 'You are already in {cluster} (as {role}).',
};
