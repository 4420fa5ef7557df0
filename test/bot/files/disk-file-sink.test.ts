import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskFileSink, exportsDirFor } from '../../../bot/files/disk-file-sink.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the console writes exports to disk', () => {
  it('next to the embedded database, as LOKET_DATA_DIR/../exports', () => {
    expect(exportsDirFor('/srv/loket/data')).toBe('/srv/loket/exports');
  });

  it('a CSV lands on disk with the UTF-8 byte-order mark Excel needs, and the reply gets its path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-exports-'));
    const sink = createDiskFileSink(join(dir, 'exports'));
    const published = await sink.publish({ programmeId: 'p', fileId: 'abcdef12-0000', name: 'loket-rymd-2026.csv', contentType: 'text/csv; charset=utf-8', content: 'namn;ort\r\nÅsa;Luleå\r\n', expiresAt: new Date() });
    expect(published).toEqual({ path: join(dir, 'exports', 'abcdef12-loket-rymd-2026.csv') });
    const bytes = await readFile((published as { path: string }).path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('namn;ort\r\nÅsa;Luleå\r\n');
  });

  it('JSON is written as it is, without a byte-order mark', async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-exports-'));
    const sink = createDiskFileSink(dir);
    const { path } = (await sink.publish({ programmeId: 'p', fileId: '12345678-x', name: 'a.json', contentType: 'application/json; charset=utf-8', content: '{}', expiresAt: new Date() })) as { path: string };
    expect(await readFile(path, 'utf8')).toBe('{}');
  });
});
