// The status fixture's hand-computed Q1 2026 programme, served by the real dashboard and file routes on
// 127.0.0.1, with a core whose settings hand out signed dashboard and download links.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicDashboardLinks } from '../../../bot/dashboard/dashboard-links.js';
import { registerDashboardRoute } from '../../../bot/dashboard/dashboard-route.js';
import { registerFileRoute } from '../../../bot/files/files-route.js';
import { createHttpApp } from '../../../bot/http-server.js';
import type { Database } from '../../../db/database.js';
import { createRepositories } from '../../../db/repositories.js';
import type { Clock } from '../../../handlers/core/context.js';
import type { Reply } from '../../../handlers/core/reply.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { createSignedLinkSink } from '../../../handlers/core/signed-links.js';
import { addProgressNote, statusProgramme } from '../../handlers/reports/status-fixture.js';
import { say, silentLogger, testSettings } from '../../support/test-core.js';

export const SECRET = 'a-dashboard-test-secret-of-32-bytes-or-more';

export async function serveDashboard(db: Database, clock: Clock, secretKey = SECRET): Promise<{ base: string; server: Server }> {
  const app = createHttpApp({ logger: silentLogger, readiness: { ready: async () => true } });
  registerFileRoute(app, { db, secretKey, clock, logger: silentLogger });
  registerDashboardRoute(app, { db, secretKey, clock, logger: silentLogger, timezone: testSettings.timezone });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export type Said = { reply: Reply | undefined; text: string };

/**
 * statusProgramme (Rymd and Skog, three Q1 meetings, figures in its comment) plus a weekly note for Rymd in
 * week 13, so Skog alone is silent on 2026-03-31, and a Rymd plan with one gap and one action.
 */
export async function dashboardProgramme(db: Database) {
  const p = await statusProgramme(db);
  const { server, base } = await serveDashboard(db, p.test.clock);
  const settings = { ...testSettings, dashboard: createPublicDashboardLinks({ publicUrl: base, secretKey: SECRET }), files: createSignedLinkSink({ publicUrl: base, secretKey: SECRET }) };
  const core = createLoketCore({ db, clock: p.test.clock, logger: silentLogger, settings });
  const as = async (userId: string, text: string): Promise<Said> => {
    const { outcome, text: said } = await say(core, { platform: 'slack', workspaceId: p.workspaceId, userId }, text);
    return { reply: outcome.kind === 'reply' ? outcome.reply : undefined, text: said };
  };
  const repos = createRepositories(db);
  const { clusters } = await repos.clusters.list(p.test.programme.id);
  const clusterId = (name: string) => clusters.find((c) => c.cluster.name === name)!.cluster.id;
  await addProgressNote(db, p, clusterId('Rymd'), '2026-W13');
  for (const command of ['plan gap Rymd area:financing Saknar långsiktig finansiering', 'plan action G1 "Sök Vinnova-medel" owner:@Anna due:2026-06-30']) {
    const { reply, text } = await as('UPM', command);
    if (!reply || reply.error) throw new Error(`fixture failed: ${command}: ${text}`);
  }
  return { p, base, server, core, as, repos, clusterId, programmeId: p.test.programme.id };
}

/** The first link of a reply (status or dashboard). */
export function linkOf(said: Said): string {
  const url = said.reply?.links?.[0]?.url;
  if (!url) throw new Error(`no link in: ${said.text}`);
  return url;
}
