// Opens the archive page in headless Chromium from disk, with the network cut off, and searches it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { archiveFiles, archiveProgramme } from './archive-fixture.js';

let opened: OpenedDatabase;
let browser: Browser;
let dir: string;
beforeAll(async () => {
  opened = await openTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'loket-archive-'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
  await opened.close();
});

describe('the archive in a browser', () => {
  it('opens from disk with no network, and its search finds a seeded meeting by title, decision and learning', async () => {
    const p = await archiveProgramme(opened.db);
    await p.as('UPM', 'archive export');
    const { html } = await archiveFiles(opened.db, p.test.programme.id);
    const file = join(dir, 'archive.html');
    await writeFile(file, html!.content, 'utf8');

    const page = await browser.newPage();
    const fetched: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (fetched.push(route.request().url()), route.abort())));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`file://${file}`);

    await page.fill('#q', 'Styrgruppsmöte');
    await page.waitForSelector('#results li');
    expect(await page.locator('#results li').first().textContent()).toBe('M1 · 2026-02-02 · Styrgruppsmöte');
    // A word of a decision finds its meeting; prefixes work as people type.
    await page.fill('#q', 'Vinno');
    await expect.poll(() => page.locator('#results li').allTextContents()).toContain('M1 · 2026-02-02 · Styrgruppsmöte');
    await page.fill('#q', 'skiss');
    // A word of a learning finds the learning note, which the result line names as the exchange's learning.
    await expect.poll(async () => (await page.locator('#results li').allTextContents()).join('\n')).toContain('Lärdom från erfarenhetsutbyte X1');
    // Following a hit lands on the record.
    await page.fill('#q', 'Styrgruppsmöte');
    await page.locator('#results li a').first().click();
    expect(page.url().endsWith('#M1')).toBe(true);
    expect(await page.locator('#M1 h3').textContent()).toBe('M1 · 2026-02-02 · Styrgruppsmöte');

    expect(await page.locator('#meetings h3').count()).toBe(3);
    expect(fetched).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is no wider than a 390 px phone when a note holds one 4 000-character word and a meeting title a 200-character URL', async () => {
    const p = await archiveProgramme(opened.db);
    const word = 'x'.repeat(4000);
    expect((await p.as('UANNA', `note Rymd ${word}`)).outcome.kind).toBe('reply');
    await p.as('UANNA', `meeting https://example.org/${'y'.repeat(170)} date:2026-02-22 cluster:Rymd`);
    await p.as('UPM', 'archive export');
    const { html } = await archiveFiles(opened.db, p.test.programme.id);
    expect(html!.content).toContain(word);
    const file = join(dir, 'archive-phone.html');
    await writeFile(file, html!.content, 'utf8');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(`file://${file}`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.close();
  });
});
