import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicDashboardLinks } from '../../../bot/dashboard/dashboard-links.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog, exportFiles } from '../../../db/schema/index.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { signDashboardToken, signFileToken } from '../../../handlers/core/signed-links.js';
import { createTestCore, say, silentLogger, testSettings, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { dashboardProgramme, linkOf, SECRET } from './dashboard-fixture.js';

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

/** A refusal: the status, and a body without any of the programme's names or figures. */
async function expectRefused(url: string, status: 401 | 403) {
  const response = await fetch(url);
  expect(response.status).toBe(status);
  const body = await response.text();
  for (const secret of ['Rymd', 'Skog', 'Vinnova', '<svg', '<table', 'Programme ']) expect(body).not.toContain(secret);
  expect(body).toContain('`dashboard`');
}

const tokenOf = (url: string) => new URL(url).pathname.split('/')[2]!;

describe('who may open the web view', () => {
  it('no link is 401 and shows nothing', async () => {
    await expectRefused(`${fixture.base}/dashboard`, 401);
  });

  it('members, deputies, leaders, the board and participants can neither get a link nor revoke links', async () => {
    for (const user of ['UNILS', 'UDANA', 'UANNA', 'UKARIN', 'UOLLE']) {
      const said = await fixture.as(user, 'dashboard');
      expect(said.reply?.error?.code, user).toBe('permission.denied');
      expect(said.reply?.links, user).toBeUndefined();
      expect(said.text).not.toContain('/dashboard/');
      expect((await fixture.as(user, 'dashboard revoke')).reply?.error?.code, user).toBe('permission.denied');
    }
    expect(await fixture.repos.dashboard.generation(fixture.programmeId)).toEqual({ generation: 0 });
    const leader = await fixture.as('UANNA', 'status');
    expect(leader.reply?.error).toBeUndefined();
    expect(leader.reply?.links).toBeUndefined();
    const audited = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, fixture.programmeId), eq(auditLog.action, 'dashboard.link')));
    expect(audited).toEqual([]);
  });

  it('a forged, re-signed, re-purposed or garbled token is 403', async () => {
    const url = linkOf(await fixture.as('UPM', 'dashboard'));
    const token = tokenOf(url);
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { p: string; g: number; l: 'sv'; x: number };
    const otherKey = signDashboardToken({ programmeId: claims.p, generation: claims.g, language: 'sv', expiresAt: new Date(claims.x * 1000) }, 'another-secret-that-is-long-enough-too');
    // A download token of the same programme, signed with the right key, is not a dashboard token.
    const fileToken = signFileToken({ fileId: claims.p, programmeId: claims.p, expiresAt: new Date(claims.x * 1000) }, SECRET);
    const longer = Buffer.from(JSON.stringify({ ...claims, x: claims.x + 86_400 * 365 })).toString('base64url');
    for (const bad of [flipped, otherKey, fileToken, `${longer}.${signature}`, 'not-a-token', `${token}.x`]) await expectRefused(`${fixture.base}/dashboard/${bad}`, 403);
    expect((await fetch(url)).status).toBe(200);
  });

  it('a link is refused once its seven days are over', async () => {
    const url = linkOf(await fixture.as('UPM', 'dashboard'));
    const now = fixture.p.test.clock.now();
    try {
      fixture.p.test.clock.advance(7 * 86_400_000 - 60_000);
      expect((await fetch(url)).status).toBe(200);
      fixture.p.test.clock.advance(61_000);
      await expectRefused(url, 403);
    } finally {
      fixture.p.test.clock.set(now);
    }
  });

  it("another programme's link shows only that programme, and never this programme's clusters", async () => {
    const other = await createTestCore({ db: opened.db });
    const workspaceId = uniqueWorkspaceId();
    await other.connectWorkspace('teams', workspaceId);
    await other.makeManager('teams', workspaceId, 'PM2', 'Pia');
    const core = createLoketCore({ db: opened.db, clock: fixture.p.test.clock, logger: silentLogger, settings: { ...testSettings, dashboard: createPublicDashboardLinks({ publicUrl: fixture.base, secretKey: SECRET }) } });
    const { outcome } = await say(core, { platform: 'teams', workspaceId, userId: 'PM2' }, 'dashboard');
    const url = outcome.kind === 'reply' ? outcome.reply.links![0]!.url : '';
    const html = await (await fetch(url)).text();
    expect(html).toContain('Programme ');
    expect(html).not.toContain('Rymd');
    const rymd = fixture.clusterId('Rymd');
    await expectRefused(`${fixture.base}/dashboard/${tokenOf(url)}/clusters/${rymd}`, 403);
    await expectRefused(`${fixture.base}/dashboard/${tokenOf(url)}/clusters/not-a-uuid`, 403);
  });

  it('dashboard revoke retires every web view and download link handed out so far, and new ones work', async () => {
    const page = linkOf(await fixture.as('UPM', 'dashboard'));
    const download = linkOf(await fixture.as('UPM', 'export format:json from:2026-01-01 to:2026-03-31'));
    expect((await fetch(download)).status).toBe(200);
    const said = await fixture.as('UPM', 'dashboard revoke');
    expect(said.text).toContain('Alla länkar som delats ut hittills gäller inte längre');
    expect(said.text).toContain('1 nedladdningslänkar');
    expect(await fixture.repos.dashboard.generation(fixture.programmeId)).toEqual({ generation: 1 });
    const files = await opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, fixture.programmeId));
    expect(files.every((f) => f.expiresAt.getTime() <= fixture.p.test.clock.now().getTime())).toBe(true);
    await expectRefused(page, 403);
    expect((await fetch(download)).status).toBe(404);
    const fresh = linkOf(await fixture.as('UPM', 'dashboard'));
    expect((await fetch(fresh)).status).toBe(200);
    expect((await fetch(linkOf(await fixture.as('UPM', 'export format:json from:2026-01-01 to:2026-03-31')))).status).toBe(200);
    const revokes = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, fixture.programmeId), eq(auditLog.action, 'links.revoke')));
    expect(revokes.map((r) => r.detail)).toEqual([{ generation: 1, files: 1 }]);
  });
});
