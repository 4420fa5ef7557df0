import type { ClusterRole, Gender, ProgrammeRoleName } from '../../db/schema/index.js';
import type { Cluster } from '../../db/clusters.repository.js';
import type { Language, Platform } from './incoming.js';

/** The person running a command, resolved by the core before any handler runs. */
export interface Actor {
  personId: string;
  programmeId: string;
  programmeName: string;
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName: string;
  language: Language;
  organisationId: string | null;
  gender: Gender | null;
  programmeRoles: ProgrammeRoleName[];
  clusterRoles: { clusterId: string; clusterName: string; role: ClusterRole }[];
  /** The clusters of clusterRoles as stored, so a command naming one of the actor's own clusters needs no
   *  second read (requireCluster). Absent where an actor is built by hand. */
  openClusters?: readonly Cluster[];
}
