// What one request for the web view reads, in one transaction: the programme's current link generation (a
// revoke retires every older link) and the figures of the page, so the check and every number on the page
// see the same state. It shows records and changes none, but it may refresh the continuity cache (derived
// rows), so it is not READ ONLY. The link itself is verified before this, and bot/dashboard renders the
// result as HTML.
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import type { Language } from '../core/incoming.js';
import type { Period } from '../core/period.js';
import { loadClusterView, type ClusterView } from './dashboard-cluster-data.js';
import { loadProgrammeView, type ProgrammeView } from './dashboard-data.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DashboardPageRequest {
  /** The programme and link generation the verified link was signed for. */
  programmeId: string;
  generation: number;
  /** One cluster's page; absent: the programme's. */
  clusterId?: string;
  period: Period;
  today: string;
  timezone: string;
  language: Language;
}

export type DashboardPage =
  | { kind: 'programme'; view: ProgrammeView }
  | { kind: 'cluster'; view: ClusterView }
  /** The link was signed before the programme's last `dashboard revoke`. */
  | { kind: 'revoked' }
  /** Not a cluster of the link's programme (or not a cluster id at all). */
  | { kind: 'no-cluster' };

export async function loadDashboardPage(db: Database, request: DashboardPageRequest): Promise<DashboardPage> {
  return db.transaction(async (tx): Promise<DashboardPage> => {
    const repos = createRepositories(tx);
    const { generation } = await repos.dashboard.generation(request.programmeId);
    if (generation !== request.generation) return { kind: 'revoked' };
    const { programmeId, period, today, timezone, language } = request;
    const common = { repos, programmeId, period, today, timezone, language };
    if (request.clusterId === undefined) return { kind: 'programme', view: await loadProgrammeView(common) };
    // Checked before any query: Postgres answers a malformed uuid with an error, not with "no such row".
    const view = UUID.test(request.clusterId) ? await loadClusterView({ ...common, clusterId: request.clusterId }) : undefined;
    return view ? { kind: 'cluster', view } : { kind: 'no-cluster' };
  });
}
