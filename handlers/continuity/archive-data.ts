// Everything the programme recorded, as one plain JSON document that needs neither LOKET nor a database
// to read. Field names are English and stable (`version` says which shape); ids are the short ids users
// saw in chat.
import type { Cluster } from '../../db/clusters.repository.js';
import type { Repositories } from '../../db/repositories.js';
import { instantIn } from '../core/dates.js';

export const ARCHIVE_VERSION = 1;

export type ArchiveData = Awaited<ReturnType<typeof gatherArchive>>;

type Row = Record<string, unknown>;

/** Days and times are the programme's (`timezone`), as people saw them in chat; `generatedAt` carries
 *  the zone's offset, so it is still one exact instant. */
export async function gatherArchive(repos: Repositories, input: { programmeId: string; programmeName: string; cluster?: Cluster; generatedAt: Date; timezone: string }) {
  const { programmeId, timezone } = input;
  const clusterId = input.cluster?.id;
  const { targets } = await repos.targets.list(programmeId);
  return {
    format: 'loket-archive' as const,
    version: ARCHIVE_VERSION,
    programme: input.programmeName,
    cluster: input.cluster?.name ?? null,
    generatedAt: instantIn(timezone, input.generatedAt),
    timezone,
    clusters: (await repos.archive.clusters(programmeId, clusterId, timezone)) as Row[],
    organisations: (await repos.archive.organisations(programmeId)) as Row[],
    meetings: (await repos.archive.meetings(programmeId, clusterId, timezone)) as Row[],
    notes: (await repos.archive.notes(programmeId, clusterId, timezone)) as Row[],
    progress: (await repos.archive.progress(programmeId, clusterId)) as Row[],
    plans: (await repos.archive.plans(programmeId, clusterId, timezone)) as Row[],
    exchanges: (await repos.archive.exchanges(programmeId, clusterId, timezone)) as Row[],
    targets: clusterId ? {} : Object.fromEntries(targets),
  };
}
