// Isolation matrix: two programmes, three connected workspaces (two Slack, one Teams) and one Slack
// workspace that has not joined. People of programme A and of the unjoined workspace try every verb of the
// dispatch table against programme B's records — by B's short ids, by B's cluster name, by searching B's
// unique words, and by B's download links — and get nothing of B, while B's stored rows stay exactly as
// they were. The commands are generated from the command registry's examples, so new verbs are tried too.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFileRoute } from '../../bot/files/files-route.js';
import { createHttpApp } from '../../bot/http-server.js';
import type { OpenedDatabase } from '../../db/client.js';
import { createRepositories } from '../../db/repositories.js';
import type { ShortIdKind } from '../../handlers/core/command.js';
import type { IncomingMessage } from '../../handlers/core/incoming.js';
import { renderPlainText } from '../../handlers/core/reply.js';
import { createSignedLinkSink, signFileToken } from '../../handlers/core/signed-links.js';
import { commandRegistry } from '../../handlers/registry.js';
import { exampleIn } from '../../handlers/core/spec.js';
import { createTestCore, say, silentLogger, testSettings, uniqueWorkspaceId, type TestCore } from '../support/test-core.js';
import { openTestDatabase } from '../support/test-database.js';

const SECRET = 'isolation-test-secret-of-at-least-32-bytes';
const SECRET_WORD = 'zebraflod';
const KINDS: ShortIdKind[] = ['M', 'A', 'N', 'X', 'G', 'P'];

let opened: OpenedDatabase;
let server: Server;
let a: TestCore;
let b: TestCore;
const sender = {} as Record<'slackA' | 'teamsA' | 'slackB' | 'unjoined', Omit<IncomingMessage, 'text'>>;
let victimLinks: string[] = [];

async function serveFiles(): Promise<string> {
  const app = createHttpApp({ logger: silentLogger, readiness: { ready: async () => true } });
  registerFileRoute(app, { db: opened.db, secretKey: SECRET, clock: { now: () => new Date('2026-03-02T09:00:00Z') }, logger: silentLogger });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function must(core: TestCore, from: Omit<IncomingMessage, 'text'>, text: string, displayName?: string) {
  const { outcome, text: reply } = await say(core.core, { ...from, ...(displayName ? { displayName } : {}) }, text);
  if (outcome.kind !== 'reply' || outcome.reply.error) throw new Error(`setup failed: ${text}: ${reply}`);
  return outcome.reply;
}

/** Programme B's records, each carrying the secret word: meeting M1 with action A1 and note N1, note N2,
 *  plan gap G1 and plan action P1, exchange X1, and an export with signed links. */
async function fillVictim() {
  const vera = sender.slackB;
  const leo = { ...vera, userId: 'ULEONARD' };
  const fia = { ...vera, userId: 'UFIONA' };
  await must(b, leo, 'whoami', 'Leonard');
  await must(b, fia, 'whoami', 'Fiona');
  for (const text of ['cluster add Havet sector:sea', 'cluster add Fjällen sector:forest', 'cluster role Havet @Leonard leader', 'cluster role Fjällen @Fiona leader']) await must(b, vera, text);
  await must(b, leo, `meeting "Hemligt ${SECRET_WORD}" date:2026-02-20 cluster:Havet\naction: @Leonard Boka ${SECRET_WORD} due:2026-04-01\nnote: ${SECRET_WORD} anteckning`);
  await must(b, leo, `note Havet ${SECRET_WORD} kunskap`);
  await must(b, leo, `plan gap Havet area:financing Saknar ${SECRET_WORD}`);
  await must(b, leo, `plan action G1 Skaffa ${SECRET_WORD} owner:@Leonard due:2026-06-01`);
  await must(b, fia, `exchange offer Vi kan ${SECRET_WORD} och ansökningar`);
  await must(b, leo, `exchange need Hjälp med ${SECRET_WORD} och ansökningar`);
  const exported = await must(b, vera, 'export from:2026-01-01 to:2026-03-31');
  victimLinks = (exported.links ?? []).map((l) => l.url);
}

beforeAll(async () => {
  opened = await openTestDatabase();
  const base = await serveFiles();
  const files = createSignedLinkSink({ publicUrl: base, secretKey: SECRET });
  // The default programme already has a workspace, so the unjoined one is not connected to it on first contact.
  const repos = createRepositories(opened.db);
  const { programme } = await repos.programmes.ensureDefault(testSettings.defaultProgrammeName);
  const { workspace } = await repos.workspaces.ensure('slack', uniqueWorkspaceId('TDEF'));
  await repos.workspaces.connect(workspace.id, programme.id, new Date());
  a = await createTestCore({ db: opened.db, settings: { files } });
  b = await createTestCore({ db: opened.db, settings: { files } });
  sender.slackA = { platform: 'slack', workspaceId: uniqueWorkspaceId('TA'), userId: 'UPIA' };
  sender.teamsA = { platform: 'teams', workspaceId: uniqueWorkspaceId('tenant-a-'), userId: '29:1tor' };
  sender.slackB = { platform: 'slack', workspaceId: uniqueWorkspaceId('TB'), userId: 'UVENDELA' };
  sender.unjoined = { platform: 'slack', workspaceId: uniqueWorkspaceId('TX'), userId: 'UOUTSIDER' };
  await a.connectWorkspace('slack', sender.slackA.workspaceId);
  await a.connectWorkspace('teams', sender.teamsA.workspaceId);
  await b.connectWorkspace('slack', sender.slackB.workspaceId);
  await a.makeManager('slack', sender.slackA.workspaceId, 'UPIA', 'Pia');
  await a.makeManager('teams', sender.teamsA.workspaceId, '29:1tor', 'Tor');
  await b.makeManager('slack', sender.slackB.workspaceId, 'UVENDELA', 'Vendela');
  await fillVictim();
}, 120_000);
afterAll(async () => {
  server.close();
  await opened.close();
});

// Every table holding a programme's records, and the fields an attack would change.
const TABLES = [
  'meetings', 'meeting_clusters', 'meeting_participants', 'decisions', 'action_items', 'notes', 'clusters', 'memberships', 'people',
  'programme_roles', 'plan_gaps', 'plan_actions', 'plan_reviews', 'progress_notes', 'exchange_posts', 'exchange_proposals',
  'exchange_learnings', 'digest_subscriptions', 'programme_targets', 'export_files', 'one_time_codes', 'audit_log', 'workspaces',
];

async function victimState(): Promise<unknown> {
  const p = b.programme.id;
  const counts = TABLES.map((table) => sql`(select count(*) from ${sql.identifier(table)} where programme_id = ${p}::uuid)`);
  const result = await opened.db.execute(sql`select json_build_array(${sql.join(counts, sql`, `)},
    (select json_agg(json_build_array(title, held_on, kind, deleted_at) order by number) from meetings where programme_id = ${p}::uuid),
    (select json_agg(json_build_array(done_at, done_note) order by number) from action_items where programme_id = ${p}::uuid),
    (select json_agg(text order by number) from notes where programme_id = ${p}::uuid),
    (select json_agg(done_at order by number) from plan_actions where programme_id = ${p}::uuid),
    (select json_agg(json_build_array(state, need_answer, offer_answer) order by number) from exchange_proposals where programme_id = ${p}::uuid)
  ) as state`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { state: unknown }[];
  return rows[0]!.state;
}

/** Each verb's own example aimed at programme B: its ids become B's `<kind>1`, its cluster B's `Havet`. */
const attacks = [
  ...commandRegistry.all.map((v) => exampleIn(v, 'sv').replace(/\b([MANXGP])\d+\b/g, '$11').replaceAll('Rymd', 'Havet')),
  ...KINDS.flatMap((kind) => [`meeting show ${kind}1`, `done ${kind}1`, `exchange accept ${kind}1`, `plan done ${kind}1`]),
  `meeting edit M1 "Kapad" date:2026-01-01`, 'meeting delete M1', 'meeting share M1', `exchange done X1 learned: kapat`, 'exchange decline X1',
  'note Havet kapad', 'plan Havet', 'plan review Havet', 'progress show Havet', 'join Havet', 'export Havet', 'status Havet', 'actions all', 'meetings',
  `search ${SECRET_WORD}`, `search Hemligt`, 'search Leonard',
];

function leaks(text: string, typed: string): string[] {
  const words = ['Hemligt', 'Leonard', 'Fiona', 'Vendela', SECRET_WORD].filter((w) => !typed.includes(w));
  return words.filter((w) => text.toLowerCase().includes(w.toLowerCase()));
}

describe('isolation matrix', () => {
  it(`programme B is set up with every kind of record (${KINDS.join(', ')}) and downloadable links`, async () => {
    const reply = await say(b.core, sender.slackB, `search ${SECRET_WORD}`);
    for (const id of ['M1', 'A1', 'N1', 'N2']) expect(reply.text).toContain(id);
    expect(victimLinks.length).toBeGreaterThan(0);
    expect((await fetch(victimLinks[0]!)).status).toBe(200);
  });

  for (const who of ['slackA', 'teamsA', 'unjoined'] as const) {
    it(`${who === 'unjoined' ? 'a person in a workspace that has not joined' : `a project manager of programme A (${who})`} running ${attacks.length} commands aimed at B sees nothing of B and changes nothing`, async () => {
      const before = await victimState();
      const leaked: string[] = [];
      for (const text of attacks) {
        const core = who === 'unjoined' ? b.core : a.core;
        const { outcome } = await say(core, sender[who], text);
        if (outcome.kind !== 'reply') continue;
        const shown = renderPlainText(outcome.reply);
        for (const word of leaks(shown, text)) leaked.push(`${text} → ${word}`);
        for (const link of outcome.reply.links ?? []) expect(victimLinks).not.toContain(link.url);
        if (who === 'unjoined') expect(['workspace.not_connected', 'join_programme.invalid']).toContain(outcome.reply.error?.code);
        if (text.startsWith('search ') && who !== 'unjoined') expect(shown).not.toMatch(/\b[MAN]1\b/);
      }
      expect(leaked).toEqual([]);
      expect(await victimState()).toEqual(before);
    }, 300_000);
  }

  it("B's download link cannot be moved to programme A: a payload rewritten to A fails the signature", async () => {
    const token = victimLinks[0]!.split('/files/')[1]!;
    const [payload, signature] = token.split('.') as [string, string];
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { f: string; p: string; x: number };
    const moved = Buffer.from(JSON.stringify({ ...data, p: a.programme.id })).toString('base64url');
    const base = victimLinks[0]!.split('/files/')[0]!;
    expect((await fetch(`${base}/files/${moved}.${signature}`)).status).toBe(403);
    // Even a token the server itself signed for programme A does not open B's file.
    const signedForA = signFileToken({ fileId: data.f, programmeId: a.programme.id, expiresAt: new Date('2026-03-09T00:00:00Z') }, SECRET);
    const response = await fetch(`${base}/files/${signedForA}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET_WORD);
  });

  it("B's claim code typed in programme A is refused and still works once in B; expired it works nowhere", async () => {
    const repos = createRepositories(opened.db);
    const { hashCode, newCode } = await import('../../handlers/core/codes.js');
    const now = b.clock.now();
    // Codes are unique by hash across the database, so each run makes its own.
    const [first, second] = [newCode(), newCode()];
    await repos.codes.create({ programmeId: b.programme.id, purpose: 'claim', codeHash: hashCode(first), expiresAt: new Date(now.getTime() + 3_600_000), createdBy: null });
    await repos.codes.create({ programmeId: b.programme.id, purpose: 'claim', codeHash: hashCode(second), expiresAt: new Date(now.getTime() + 3_600_000), createdBy: null });
    const newcomerA = { ...sender.slackA, userId: 'UNEWA' };
    const newcomerB = { ...sender.slackB, userId: 'UNEWB' };
    expect((await say(a.core, newcomerA, `claim ${first}`)).outcome).toMatchObject({ reply: { error: { code: 'claim.invalid' } } });
    expect((await say(b.core, newcomerB, `claim ${first}`)).text).toBe('Klart! Du är nu projektledare för programmet.');
    expect((await say(b.core, { ...newcomerB, userId: 'UNEWB2' }, `claim ${first}`)).outcome).toMatchObject({ reply: { error: { code: 'claim.invalid' } } });
    b.clock.advance(2 * 3_600_000);
    expect((await say(b.core, { ...newcomerB, userId: 'UNEWB3' }, `claim ${second}`)).outcome).toMatchObject({ reply: { error: { code: 'claim.invalid' } } });
    const managersOfA = await opened.db.execute(sql`select count(*)::int as n from programme_roles r join people p on p.id = r.person_id where r.programme_id = ${a.programme.id}::uuid and p.user_id = 'UNEWA'`);
    expect(((Array.isArray(managersOfA) ? managersOfA : (managersOfA as { rows: unknown[] }).rows) as { n: number }[])[0]!.n).toBe(0);
  });
});
