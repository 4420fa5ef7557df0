// What handover packs and archives share when they hand out files: names and the console's path list.
import type { ReplyBlock } from '../core/reply.js';
import { DEFAULT_LINK_DAYS } from '../core/signed-links.js';

export { publishFiles, type GeneratedFile } from '../core/publish-files.js';

/** A file name from a cluster's name: letters and digits of any language, dashes between. */
export function fileStem(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'cluster';
}

export const LINK_DAYS = DEFAULT_LINK_DAYS;

/** The paths (console) as a list block; links travel in the reply's links. */
export function pathBlocks(paths: string[]): ReplyBlock[] {
  return paths.length ? [{ type: 'list', items: paths }] : [];
}
