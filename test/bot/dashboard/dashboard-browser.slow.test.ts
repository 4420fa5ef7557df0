// Slow: Debian's Chromium, driven by playwright-core (never a downloaded browser), opens a PM's link.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { dashboardProgramme, linkOf } from './dashboard-fixture.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let opened: OpenedDatabase;
let fixture: Awaited<ReturnType<typeof dashboardProgramme>>;
let browser: Browser;
beforeAll(async () => {
  opened = await openTestDatabase();
  fixture = await dashboardProgramme(opened.db);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  fixture?.server.close();
  await opened?.close();
});

describe('the web view in a browser', () => {
  it("a PM's link from status opens the programme: the chart and its table show the seeded clusters", async () => {
    const url = linkOf(await fixture.as('UPM', 'status from:2026-01-01 to:2026-03-31'));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Offline: any request that leaves 127.0.0.1 (a CDN, a font) fails the test.
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(fixture.base)) outside.push(r.url());
    });
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h1').innerText()).toContain('2026-01-01 – 2026-03-31');
    const heatmap = page.locator('#activity').locator('..').locator('.chart svg');
    const chartText = await heatmap.locator('text').allTextContents();
    expect(chartText).toContain('Rymd');
    expect(chartText).toContain('⚠ Skog (tyst 4 v)');
    const rows = await page.locator('#activity').locator('..').locator('table tbody th').allInnerTexts();
    expect(rows).toEqual(['Rymd', '⚠ Skog (tyst 4 v)']);
    expect(await page.locator('svg').count()).toBe(4);
    expect(outside).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-programme.png'), fullPage: true });
    // The cluster link is relative: following it in a real browser keeps the token and the period.
    await page.locator('#clusters').locator('..').getByRole('link', { name: 'Rymd' }).click();
    expect(await page.locator('h1').innerText()).toBe('Rymd: läget 2026-01-01 – 2026-03-31');
    expect(await page.locator('#plan-chart').locator('..').locator('svg text').allTextContents()).toContain('G1 finansiering');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-cluster.png'), fullPage: true });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('a forged link shows the refusal and nothing of the programme', async () => {
    const url = linkOf(await fixture.as('UPM', 'dashboard'));
    const page = await browser.newPage();
    const dot = url.lastIndexOf('.');
    const forged = `${url.slice(0, dot + 1)}${url[dot + 1] === 'A' ? 'B' : 'A'}${url.slice(dot + 2)}`;
    const response = await page.goto(forged);
    expect(response?.status()).toBe(403);
    const text = await page.locator('body').innerText();
    expect(text).toContain('This link is not valid');
    expect(text).not.toContain('Rymd');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-refused.png') });
    await page.close();
  });

  // Last, as it adds assessments and evaluations to the shared fixture (issue 23).
  it('a cluster\'s self-assessment is drawn as a radar and over time, and evaluations per kind on the programme page, each beside its table', async () => {
    const scores = (s: number[]) => ['struktur', 'styrning', 'finansiering', 'tjänster', 'samverkan', 'erkännande', 'strategi'].map((a, i) => `${a}:${s[i]}`).join(' ');
    fixture.p.test.clock.set(new Date('2026-01-20T09:00:00Z'));
    await fixture.as('UANNA', `assess Rymd ${scores([2, 2, 2, 3, 3, 3, 3])}`);
    fixture.p.test.clock.set(new Date('2026-03-20T09:00:00Z'));
    await fixture.as('UANNA', `assess Rymd ${scores([3, 3, 2, 4, 3, 3, 2])}`);
    await fixture.as('UPM', 'evaluate M3');
    await fixture.as('UERIK', 'rate M3 4');
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(fixture.base)) outside.push(r.url());
    });
    await page.goto(linkOf(await fixture.as('UPM', 'status from:2026-01-01 to:2026-03-31')));
    const evaluations = page.locator('#evaluations-chart').locator('..');
    expect(await evaluations.locator('svg text').allTextContents()).toContain('utbildning');
    expect(await evaluations.locator('table tbody tr').allInnerTexts()).toEqual(['utbildning\t4,0\t1\t1']);
    await page.locator('#clusters').locator('..').getByRole('link', { name: 'Rymd' }).click();
    const radar = page.locator('#assessment-radar').locator('..');
    const radarText = await radar.locator('svg text').allTextContents();
    expect(radarText).toEqual(expect.arrayContaining(['struktur', 'strategi', 'Senaste 2026-03-20', 'Första 2026-01-20']));
    expect(await radar.locator('table tbody th').allInnerTexts()).toHaveLength(7);
    const overTime = page.locator('#assessment-over-time').locator('..');
    expect(await overTime.locator('svg').count()).toBe(1);
    expect(await overTime.locator('table thead th').allInnerTexts()).toEqual(['Område', '2026-01-20', '2026-03-20']);
    expect(outside).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-assessment.png'), fullPage: true });
    await page.close();
  });
});
