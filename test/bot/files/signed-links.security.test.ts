import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerFileRoute } from '../../../bot/files/files-route.js';
import { createHttpApp } from '../../../bot/http-server.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { createSignedLinkSink, signFileToken, verifyFileToken } from '../../../handlers/core/signed-links.js';
import { createTestClock, createTestCore, say, silentLogger, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes-long!';
let opened: OpenedDatabase;
let server: Server | undefined;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());
afterEach(() => server?.close());

async function serve(clock: ReturnType<typeof createTestClock>): Promise<string> {
  const app = createHttpApp({ logger: silentLogger, readiness: { ready: async () => true } });
  registerFileRoute(app, { db: opened.db, secretKey: SECRET, clock, logger: silentLogger });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** A programme whose PM exports through signed links served by a real route on 127.0.0.1. */
async function exportingProgramme() {
  const clock = createTestClock();
  const base = await serve(clock);
  const test = await createTestCore({ db: opened.db, settings: { files: createSignedLinkSink({ publicUrl: base, secretKey: SECRET }) } });
  test.clock.set(clock.now());
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  const { personId } = await test.makeManager('slack', workspaceId, 'UPM', 'Petra');
  await say(test.core, { platform: 'slack', workspaceId, userId: 'UPM' }, 'meeting "Träff i Luleå" date:2026-02-02');
  const { outcome } = await say(test.core, { platform: 'slack', workspaceId, userId: 'UPM' }, 'export from:2026-01-01 to:2026-03-31');
  const links = outcome.kind === 'reply' ? (outcome.reply.links ?? []) : [];
  return { test, clock, base, links, personId };
}

describe('signed download links', () => {
  it('a fresh link serves the CSV with a BOM, as an attachment, never cached', async () => {
    const { links, base } = await exportingProgramme();
    const link = links.find((l) => l.label.endsWith('activities.csv'))!;
    expect(link.url.startsWith(`${base}/files/`)).toBe(true);
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    // Headers are in the reader's language (Swedish here).
    expect(rows.map((r) => [r.id, r.titel])).toEqual([['M1', 'Träff i Luleå']]);
  });

  it('an expired link is 403 and serves nothing', async () => {
    const { links, clock } = await exportingProgramme();
    clock.advance(7 * 86_400_000 + 1000);
    const response = await fetch(links[0]!.url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('indicator');
  });

  it('a forged signature, or a token signed with another key, is 403', async () => {
    const { links, base } = await exportingProgramme();
    const token = links[0]!.url.slice(`${base}/files/`.length);
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect((await fetch(`${base}/files/${flipped}`)).status).toBe(403);
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { f: string; p: string; x: number };
    const otherKey = signFileToken({ fileId: data.f, programmeId: data.p, expiresAt: new Date(data.x * 1000) }, 'another-secret-that-is-long-enough-too');
    expect((await fetch(`${base}/files/${otherKey}`)).status).toBe(403);
    expect((await fetch(`${base}/files/not-a-token`)).status).toBe(403);
  });

  it("a validly signed token naming another programme's file is 404", async () => {
    const first = await exportingProgramme();
    server?.close();
    const second = await exportingProgramme();
    const fileId = (JSON.parse(Buffer.from(first.links[0]!.url.split('/files/')[1]!.split('.')[0]!, 'base64url').toString()) as { f: string }).f;
    const token = signFileToken({ fileId, programmeId: second.test.programme.id, expiresAt: new Date(second.clock.now().getTime() + 86_400_000) }, SECRET);
    const response = await fetch(`${second.base}/files/${token}`);
    expect(response.status).toBe(404);
    const { file } = await createRepositories(opened.db).exportFiles.find(first.test.programme.id, fileId);
    expect(file?.programmeId).toBe(first.test.programme.id);
  });

  it('verification tells malformed, forged and expired tokens apart', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const token = signFileToken({ fileId: 'f', programmeId: 'p', expiresAt: new Date(now.getTime() + 1000) }, SECRET);
    expect(verifyFileToken(token, SECRET, now)).toEqual({ ok: true, fileId: 'f', programmeId: 'p' });
    expect(verifyFileToken(token, SECRET, new Date(now.getTime() + 1000))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyFileToken(`${token}x`, SECRET, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyFileToken('a.b.c', SECRET, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
