// Stores generated files (exports, personal data, handover packs, archives) and hands them out through
// the files port: the content lives in Postgres, the sink turns it into a signed link or a path on disk.
import type { Database } from '../../db/database.js';
import { createExportFilesRepository } from '../../db/targets.repository.js';
import type { HandlerContext } from './context.js';
import { createMemoryFileSink, type FileSink } from './files.js';
import type { ReplyLink } from './reply.js';
import { DEFAULT_LINK_DAYS } from './signed-links.js';

const DAY_MS = 86_400_000;
// Without a configured sink (tests), files stay in memory; the content is in Postgres either way.
const fallbackSink: FileSink = createMemoryFileSink();

export interface GeneratedFile {
  name: string;
  contentType: string;
  content: string;
}

export async function publishFiles(ctx: HandlerContext, files: GeneratedFile[]): Promise<{ links: ReplyLink[]; paths: string[] }> {
  const { actor, repos, clock, settings } = ctx;
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + DEFAULT_LINK_DAYS * DAY_MS);
  const sink = settings.files ?? fallbackSink;
  const links: ReplyLink[] = [];
  const paths: string[] = [];
  for (const file of files) {
    const { file: stored } = await repos.exportFiles.create({ programmeId: actor.programmeId, ...file, createdBy: actor.personId, at: now, expiresAt });
    const published = await sink.publish({ programmeId: actor.programmeId, fileId: stored.id, ...file, expiresAt });
    if ('url' in published) links.push({ label: file.name, url: published.url });
    else paths.push(published.path);
  }
  return { links, paths };
}

/** The file behind a signed link the caller has verified: undefined when it is not in the programme the
 *  link was signed for, or has expired. The content comes from Postgres, so any instance behind the load
 *  balancer can serve any link. */
export async function findPublishedFile(db: Database, link: { programmeId: string; fileId: string }, now: Date): Promise<GeneratedFile | undefined> {
  const { file } = await createExportFilesRepository({ db }).find(link.programmeId, link.fileId);
  if (!file || file.expiresAt.getTime() <= now.getTime()) return undefined;
  return { name: file.name, contentType: file.contentType, content: file.content };
}
