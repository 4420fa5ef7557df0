import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode } from '../../support/programme-fixture.js';
import { archiveFiles, archiveProgramme } from './archive-fixture.js';
import { eq } from 'drizzle-orm';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

type Row = Record<string, unknown>;
interface Archive {
  format: string;
  version: number;
  programme: string;
  cluster: string | null;
  clusters: Row[];
  meetings: Row[];
  notes: Row[];
  progress: Row[];
  plans: Row[];
  exchanges: Row[];
  organisations: Row[];
}

describe('archive export', () => {
  it('writes one HTML page and one JSON file holding everything the programme recorded', async () => {
    const p = await archiveProgramme(opened.db);
    const reply = await p.as('UPM', 'archive export');
    expect(errorCode(reply.outcome)).toBeUndefined();
    expect(reply.text).toContain('är klart: 3 möten, 5 anteckningar, 1 veckorapport, 2 planbrister, 2 utbyten');
    const links = reply.outcome.kind === 'reply' ? (reply.outcome.reply.links ?? []).map((l) => l.label) : [];
    expect(links.map((l) => l.replace(/^loket-archive-.*-(\d{4}-\d{2}-\d{2})/, 'X-$1'))).toEqual(['X-2026-03-02.html', 'X-2026-03-02.json']);
    const { html, json } = await archiveFiles(opened.db, p.test.programme.id);
    const data = JSON.parse(json!.content) as Archive;
    expect(data).toMatchObject({ format: 'loket-archive', version: 1, cluster: null });
    expect(data.clusters.map((c) => c.name)).toEqual(['Rymd', 'Skog']);
    // The deleted meeting M3 is not part of the record.
    expect(data.meetings.map((m) => m.id)).toEqual(['M1', 'M2', 'M4']);
    expect(data.meetings[0]).toMatchObject({
      id: 'M1', date: '2026-02-02', kind: 'cluster', title: 'Styrgruppsmöte', author: 'Anna', clusters: ['Rymd'],
      participants: ['Anna', 'Gustav Gustavsson (Sandvik)', 'Nils'], organisations: ['Rymdbolaget AB'], decisions: ['Vi söker Vinnova'],
    });
    expect((data.meetings[0]!.actions as Row[]).map((a) => `${a.id}:${a.owner}:${a.done ? 'done' : 'open'}`)).toEqual(['A1:Anna:open', 'A2:Nils:open', 'A3:Anna:done']);
    expect(data.notes.map((n) => n.id)).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
    expect(data.notes.find((n) => String(n.text).includes('Börja med en skiss'))).toMatchObject({ cluster: 'Rymd', author: 'Anna' });
    expect(data.progress).toMatchObject([{ cluster: 'Rymd', week: '2026-W10', done: 'Ansökan till Vinnova skickad' }]);
    expect(data.plans.map((g) => [g.id, (g.actions as Row[]).map((a) => a.id)])).toEqual([['G1', ['P1', 'P2', 'P3']], ['G2', ['P4']]]);
    const need = data.exchanges.find((e) => e.kind === 'need')!;
    expect(need.proposals).toMatchObject([{ id: 'X1', state: 'done', learnings: [{ person: 'Anna', text: 'Börja med en skiss på en sida.' }] }]);
    expect(html!.content).toContain('<h3>M1 · 2026-02-02 · Styrgruppsmöte</h3>');
    const audit = await opened.db.select().from(auditLog).where(eq(auditLog.programmeId, p.test.programme.id));
    expect(audit.filter((a) => a.action === 'archive.export')).toHaveLength(1);
  });

  it('the page names roles, meeting kinds and need/offer in the reader\'s language, while the JSON keeps the codes', async () => {
    const p = await archiveProgramme(opened.db);
    await p.as('UPM', 'archive export');
    const sv = (await archiveFiles(opened.db, p.test.programme.id)).html!.content;
    expect(sv).toContain('Anna – klusterledare');
    expect(sv).toContain('Nils – medlem');
    expect(sv).toContain('<p class="meta">klustermöte · Rymd');
    expect(sv).toContain('<h3>Behov · Rymd');
    expect(sv).not.toMatch(/– (leader|deputy|member)</);
    const json = JSON.parse((await archiveFiles(opened.db, p.test.programme.id)).json!.content) as Archive;
    expect(json.meetings[0]).toMatchObject({ kind: 'cluster' });
  });

  it('the page is self-contained: search inline, nothing fetched, every record escaped', async () => {
    const p = await archiveProgramme(opened.db);
    await p.as('UPM', 'archive export');
    const { html } = await archiveFiles(opened.db, p.test.programme.id);
    const page = html!.content;
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('global.MiniSearch = factory()');
    // No external script, stylesheet, image or frame: nothing to fetch when it opens from disk.
    expect(page).not.toMatch(/<script[^>]*\ssrc=|<link\b|<img\b|<iframe\b|\s(src|href)="(https?:)?\/\//);
    expect(page).not.toContain("<script>alert('x')</script>");
    expect(page).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co');
    // Inside the embedded JSON the same title cannot close the script element either.
    expect(page).toContain('\\u003cscript>alert(');
    expect(html!.contentType).toBe('text/html; charset=utf-8');
  });

  it('a cluster archive holds only that cluster', async () => {
    const p = await archiveProgramme(opened.db);
    await p.as('UPM', 'arkivera Skog');
    const { json } = await archiveFiles(opened.db, p.test.programme.id);
    const data = JSON.parse(json!.content) as Archive;
    expect(data.cluster).toBe('Skog');
    expect(data.clusters.map((c) => c.name)).toEqual(['Skog']);
    expect(data.meetings.map((m) => m.id)).toEqual(['M2', 'M4']);
    expect(data.plans.map((g) => g.id)).toEqual(['G2']);
    expect(data.progress).toEqual([]);
  });

  it('only a project manager may export the archive, and a refusal stores nothing', async () => {
    const p = await archiveProgramme(opened.db);
    const reply = await p.as('UANNA', 'archive export');
    expect(errorCode(reply.outcome)).toBe('permission.denied');
    expect((await archiveFiles(opened.db, p.test.programme.id)).files).toEqual([]);
    const unknown = await p.as('UPM', 'archive export Måne');
    expect(errorCode(unknown.outcome)).toBe('cluster.not_found');
    expect((await archiveFiles(opened.db, p.test.programme.id)).files).toEqual([]);
  });
});
