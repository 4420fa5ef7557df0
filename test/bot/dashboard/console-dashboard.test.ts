import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDashboard } from '../../../bot/dashboard/dashboard-links.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { createTestClock, say, silentLogger, testSettings } from '../../support/test-core.js';
import { openFreshDatabase } from '../../support/test-database.js';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/dashboard\/\S+/;

describe('the web view in the console', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openFreshDatabase();
  });
  afterAll(async () => opened.close());

  const consoleUser = { platform: 'console' as const, workspaceId: 'local', userId: 'me' };

  it('dashboard starts a local server on first use, without a secret key, until it is closed', async () => {
    const clock = createTestClock();
    const local = createLocalDashboard({ db: opened.db, clock, logger: silentLogger, timezone: 'Europe/Stockholm' });
    const core = createLoketCore({ db: opened.db, clock, logger: silentLogger, settings: { ...testSettings, admins: [{ platform: 'console', userId: 'me' }], dashboard: local } });
    await say(core, consoleUser, 'cluster add Rymd sector:space');
    const { outcome, text } = await say(core, consoleUser, 'dashboard');
    expect(text).toContain('visas från den här datorn');
    const url = outcome.kind === 'reply' ? outcome.reply.links![0]!.url : '';
    expect(url).toMatch(URL_PATTERN);
    const again = await say(core, consoleUser, 'dashboard');
    // The same server answers every link of the session.
    expect(new URL(again.outcome.kind === 'reply' ? again.outcome.reply.links![0]!.url : '').port).toBe(new URL(url).port);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('>Rymd<');
    await local.close();
    await expect(fetch(url)).rejects.toThrow();
  });

  it('without a web view, dashboard says so; with extra words it shows how to use it', async () => {
    const core = createLoketCore({ db: opened.db, clock: createTestClock(), logger: silentLogger, settings: { ...testSettings, admins: [{ platform: 'console', userId: 'me' }] } });
    const off = await say(core, consoleUser, 'dashboard');
    expect(off.outcome.kind === 'reply' && off.outcome.reply.error?.code).toBe('dashboard.unavailable');
    expect(off.text).toContain('Webbvyn är inte påslagen här');
    const usage = await say(core, consoleUser, 'dashboard please');
    expect(usage.outcome.kind === 'reply' && usage.outcome.reply.error?.code).toBe('args.leftover');
    expect(usage.text).toContain('Jag förstod inte ”please”');
    expect(usage.text).toContain('Exempel: `webbvy`');
  });
});
