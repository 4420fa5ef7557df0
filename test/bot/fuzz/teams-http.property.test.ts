// Fuzzing POST /api/messages end to end: message activities, card submissions and anything else with
// hostile text, missing or mistyped fields, broken JSON and wrong content types. Teams must always get a
// 2xx or a 4xx, never a 5xx; nothing fails unexpectedly. With credentials configured, a request without a
// valid Bot Framework token is refused with 401 whatever it carries.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import { startFakeTeamsConnector, type FakeTeamsConnector } from '../../support/fake-teams-connector.js';
import { createTestCore, uniqueWorkspaceId, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { startBotFrameworkIssuer, type BotFrameworkIssuer } from '../teams/bot-framework-issuer.js';
import { startTeamsServer, type TeamsServer } from '../teams/teams-server.js';
import { anyJsonValue, brokenJson, commandText, fuzzOptions, numRuns, fuzzTimeout } from './arbitraries.js';

let opened: OpenedDatabase;
let connector: FakeTeamsConnector;
let issuer: BotFrameworkIssuer;
let test: TestCore;
let open: TeamsServer;
let guarded: TeamsServer;
const tenantId = uniqueWorkspaceId('tenant-');
const coreCalls: IncomingMessage[] = [];

beforeAll(async () => {
  opened = await openTestDatabase();
  connector = await startFakeTeamsConnector();
  issuer = await startBotFrameworkIssuer();
  test = await createTestCore({ db: opened.db });
  await test.connectWorkspace('teams', tenantId);
  await test.makeManager('teams', tenantId, '29:1anna', 'Anna Berg');
  const core = (message: IncomingMessage) => (coreCalls.push(message), test.core(message));
  open = await startTeamsServer({ core, config: { allowUnauthenticated: true } });
  const credentials = { clientId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', clientSecret: 'never-used', tenantId: 'loket-test-tenant', allowUnauthenticated: false };
  guarded = await startTeamsServer({ core, config: credentials, cloud: issuer.cloud });
}, 120_000);
afterAll(async () => {
  await Promise.all([open.close(), guarded.close()]);
  await Promise.all([connector.close(), issuer.close()]);
  await opened.close();
});

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const fixtures = ['personal-message', 'channel-mention', 'card-submit', 'conversation-update-bot-added-personal', 'installation-update-add-personal'].map(fixture);

const value = fc.oneof(
  fc.constant(undefined),
  commandText.map((loketCommand) => ({ loketCommand })),
  fc.tuple(fc.constantFrom('meeting', 'progress', 'x', ''), fc.dictionary(fc.string({ maxLength: 8 }), anyJsonValue, { maxKeys: 4 })).map(([loketForm, rest]) => ({ ...rest, loketForm })),
  anyJsonValue,
);

/** A recorded activity with fields replaced or left out; replies always go to the fake connector on 127.0.0.1. */
const activity = fc
  .tuple(fc.constantFrom(...fixtures), fc.array(fc.tuple(fc.constantFrom('text', 'type', 'from', 'conversation', 'channelData', 'entities', 'locale', 'recipient', 'attachments', 'textFormat'), anyJsonValue), { maxLength: 4 }), commandText, value, fc.boolean())
  .map(([base, changes, text, v, ownTenant]) => {
    const out: Record<string, unknown> = { ...base, text, value: v, id: randomUUID(), serviceUrl: connector.serviceUrl };
    if (ownTenant) out.conversation = { ...(base.conversation as object), tenantId };
    for (const [key, changed] of changes) if (changed === undefined) delete out[key]; else out[key] = changed;
    return out;
  });
const body = fc.oneof({ weight: 4, arbitrary: brokenJson(activity) }, { weight: 1, arbitrary: fc.string({ maxLength: 100 }) });
const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/json; charset=utf-16');

function isActivity(payload: string, type: string): boolean {
  if (!type.startsWith('application/json') || type.includes('utf-16')) return false;
  try {
    const parsed: unknown = JSON.parse(payload);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

const post = (server: TeamsServer, payload: string, type: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/messages`, { method: 'POST', headers: { ...(type ? { 'content-type': type } : {}), ...headers }, body: payload });

describe('POST /api/messages under fuzzing', () => {
  it(`answers ${numRuns} hostile activities with a 2xx or 4xx and keeps serving`, async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const res = await post(open, payload, type);
        await res.arrayBuffer();
        expect(res.status, `${type} ${payload.slice(0, 300)}`).toBeLessThan(500);
      }),
      fuzzOptions,
    );
    await open.adapter.stop();
    expect(open.logs.filter((l) => l.level >= 50).map((l) => `${l.msg} ${JSON.stringify(l.err ?? '').slice(0, 300)}`)).toEqual([]);
    // Most hostile bodies are refused at the boundary; some well-formed activities still reach the core.
    expect(coreCalls.length).toBeGreaterThan(numRuns / 200);
  }, fuzzTimeout);

  it(`refuses ${numRuns} requests without a valid token (401, or 400/415 for a body that is no activity) when credentials are set`, async () => {
    const before = coreCalls.length;
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
      fc.constantFrom('Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.', 'Basic dXNlcjpwYXNz', 'Bearer'),
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, authorization, async (payload, type, auth) => {
        const res = await post(guarded, payload, type, auth === undefined ? {} : { authorization: auth });
        await res.arrayBuffer();
        // A body that is no well-formed activity is refused (400/415) before its token is looked at; either
        // way nothing is processed. A well-formed activity without a valid token is 401.
        if (isActivity(payload, type)) expect([400, 401], `${type} ${auth} ${payload.slice(0, 200)}`).toContain(res.status);
        else expect([400, 401, 415]).toContain(res.status);
      }),
      fuzzOptions,
    );
    expect(coreCalls.length).toBe(before);
  }, fuzzTimeout);
});
