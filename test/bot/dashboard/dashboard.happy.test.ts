import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { esc } from '../../../bot/dashboard/html.js';
import { auditLog } from '../../../db/schema/index.js';
import type { ReplyField } from '../../../handlers/core/reply.js';
import { t } from '../../../handlers/i18n/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { dashboardProgramme, linkOf } from './dashboard-fixture.js';

let opened: OpenedDatabase;
let fixture: Awaited<ReturnType<typeof dashboardProgramme>>;
beforeAll(async () => {
  opened = await openTestDatabase();
  fixture = await dashboardProgramme(opened.db);
});
afterAll(async () => {
  fixture?.server.close();
  await opened.close();
});

const fieldsOf = (blocks: { type: string; fields?: ReplyField[] }[] | undefined) => (blocks ?? []).flatMap((b) => b.fields ?? []);
const shown = (field: ReplyField) => `<dt>${esc(field.label)}</dt><dd>${esc(field.value)}</dd>`;

describe('the programme web view', () => {
  it("a PM's status carries a link to the web view that opens with the same numbers as status", async () => {
    await fixture.as('UPM', 'target organisations 10');
    const said = await fixture.as('UPM', 'status from:2026-01-01 to:2026-03-31');
    const url = linkOf(said);
    expect(url).toMatch(new RegExp(`^${fixture.base}/dashboard/[^/?]+\\?from=2026-01-01&to=2026-03-31$`));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const html = await response.text();
    const indicators = await fixture.as('UPM', 'status indikatorer från:2026-01-01 till:2026-03-31');
    const fields = [...fieldsOf(said.reply?.blocks), ...fieldsOf(indicators.reply?.blocks)];
    // Every figure of status and its indicators view is on the page, label and value alike.
    expect(fields.length).toBeGreaterThanOrEqual(12);
    for (const field of fields) expect(html, field.label).toContain(shown(field));
    // The hand-computed figures of the fixture, so equality with status cannot hide a shared mistake.
    expect(html).toContain(shown({ label: t('sv', 'indicator.organisations'), value: '4 av målet 10' }));
    expect(html).toContain('<dd>kvinnor 2, män 2, okänt 3</dd>');
  });

  it('the chart and its table show every seeded cluster, with the silent one marked', async () => {
    const html = await (await fetch(linkOf(await fixture.as('UPM', 'dashboard')))).text();
    expect(html).toMatch(/<html lang="sv">/);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBe(4);
    expect(svgs[0]).toContain('>Rymd<');
    expect(svgs[0]).toContain('⚠ Skog (tyst 4 v)');
    // Rymd: M1 in week 3 and M3 (network) in week 14; Skog: M2 in week 7 and M3.
    expect(html).toContain('<tr><th scope="row">Rymd</th><td>2</td><td>2026-W03: 1, 2026-W14: 1</td></tr>');
    expect(html).toContain('<tr><th scope="row">⚠ Skog (tyst 4 v)</th><td>2</td><td>2026-W07: 1, 2026-W14: 1</td></tr>');
    expect(html).toContain('<li class="silent">⚠ Skog (tyst 4 v)</li>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[^"'\s<]*\.(js|css)/);
  });

  it('indicators over time end on the period total and show the target as a table row', async () => {
    const html = await (await fetch(linkOf(await fixture.as('UPM', 'status from:2026-01-01 to:2026-03-31')))).text();
    // Month ends January, February, then the period end; organisations, participants, exchanges.
    expect(html).toContain('<tr><th scope="row">2026-01-31</th><td>3</td><td>3</td><td>0</td></tr>');
    expect(html).toContain('<tr><th scope="row">2026-03-31</th><td>4</td><td>7</td><td>0</td></tr>');
    expect(html).toContain('<tr><th scope="row">Mål</th><td>10</td><td>–</td><td>–</td></tr>');
  });

  it('the period selector and ?lang=en change the figures and the language', async () => {
    const url = new URL(linkOf(await fixture.as('UPM', 'dashboard')));
    url.search = '?from=2026-02-01&to=2026-02-28&lang=en';
    const html = await (await fetch(url)).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('Activities per week and cluster');
    expect(html).toContain('<tr><th scope="row">Rymd</th><td>0</td><td>–</td></tr>');
    expect(html).toContain('<tr><th scope="row">⚠ Skog (silent 4 wk)</th><td>1</td><td>2026-W07: 1</td></tr>');
    const status = await fixture.as('UPM', 'status from:2026-02-01 to:2026-02-28');
    expect(fieldsOf(status.reply?.blocks)).toContainEqual({ label: t('sv', 'status.meetings'), value: '1' });
    url.search = '?from=2026-02-30&to=2026-01-01';
    const bad = await (await fetch(url)).text();
    expect(bad).toContain('Perioden gick inte att läsa');
    expect(bad).toContain('value="2026-01-01"');
  });

  it('a cluster page shows its plan, meetings and weekly notes', async () => {
    const html = await (await fetch(linkOf(await fixture.as('UPM', 'dashboard')))).text();
    const href = /href="([^"]+\/clusters\/[^"]+)">Rymd</.exec(html)![1]!.replace(/&amp;/g, '&');
    const page = await fetch(new URL(href, linkOf(await fixture.as('UPM', 'dashboard'))));
    expect(page.status).toBe(200);
    const cluster = await page.text();
    expect(cluster).toContain('<h1>Rymd: läget 2026-01-01 – 2026-03-31</h1>');
    expect(cluster).toContain('P1 Sök Vinnova-medel');
    expect(cluster).toContain('M2 Klusterträff');
    expect(cluster).toContain('<h3>2026-W13</h3>');
    expect(cluster).not.toContain('Utbildning GIS');
    // The bus-factor slot says what `status Rymd` says about person dependency.
    const bus = /<h2 id="bus-factor">[^<]+<\/h2><p>([^<]+)<\/p>/.exec(cluster)![1]!;
    expect(bus).toMatch(/^\d – /);
    expect((await fixture.as('UPM', 'status kontinuitet Rymd')).text).toContain(bus.replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
  });

  it('what leaders typed is shown as text, never as markup, and the page allows no script', async () => {
    const logged = await fixture.as('UPM', 'meeting "<script>alert(1)</script> & <b>fet</b>" date:2025-11-03 cluster:Rymd');
    expect(logged.reply?.error).toBeUndefined();
    const url = new URL(linkOf(await fixture.as('UPM', 'dashboard')));
    url.pathname += `/clusters/${fixture.clusterId('Rymd')}`;
    url.search = '?from=2025-10-01&to=2025-12-31';
    const response = await fetch(url);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>fet');
  });

  it('dashboard gives a PM a link and records that it was handed out', async () => {
    const said = await fixture.as('UPM', 'dashboard');
    expect(said.text).toContain('gäller i 7 dagar');
    const rows = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, fixture.programmeId), eq(auditLog.action, 'dashboard.link')));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.at(-1)!.detail).toMatchObject({ generation: 0, expiresAt: '2026-04-07T21:45:00.000Z' });
  });
});
