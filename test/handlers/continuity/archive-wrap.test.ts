import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { archiveFiles, archiveProgramme } from './archive-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('the archive page on a phone', () => {
  it('the archive page wraps a long unbroken word or URL anywhere (archive.slow.test.ts measures it at 390 px)', async () => {
    const p = await archiveProgramme(opened.db);
    await p.as('UANNA', `note Rymd https://example.org/${'x'.repeat(3000)}`);
    await p.as('UPM', 'archive export');
    const { html } = await archiveFiles(opened.db, p.test.programme.id);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html!.content)?.[1] ?? '';
    expect(style).toMatch(/body\{[^}]*overflow-wrap:anywhere/);
    expect(style).toMatch(/pre\{white-space:pre-wrap\}/);
    expect(html!.content).toContain('x'.repeat(3000));
  });
});
