import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { forDelivery, type FileSink } from '../../handlers/core/files.js';

/** Where the console writes exports: next to the embedded database (LOKET_DATA_DIR/../exports). */
export function exportsDirFor(dataDir: string): string {
  return resolve(dirname(resolve(dataDir)), 'exports');
}

/** The console's sink: the file on disk, its path in the reply. The id prefix keeps two exports of the
 *  same period from overwriting each other. */
export function createDiskFileSink(dir: string): FileSink {
  return {
    async publish(file) {
      await mkdir(dir, { recursive: true });
      const safe = file.name.replace(/[^\p{L}\p{N}._-]+/gu, '-');
      const path = join(dir, `${file.fileId.slice(0, 8)}-${safe}`);
      await writeFile(path, forDelivery(file.contentType, file.content), 'utf8');
      return { path };
    },
  };
}
