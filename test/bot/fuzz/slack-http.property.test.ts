// Fuzzing POST /slack/events end to end: signed slash commands, Events API callbacks and interactivity
// payloads with hostile text, missing or mistyped fields, broken JSON and wrong content types. Slack must
// always get a 2xx or a 4xx, never a 5xx or a dropped connection; the process keeps serving; no listener or
// core call fails unexpectedly. Unsigned or badly signed requests of any shape get 401 at once.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, loadSlackFixture } from '../../support/fake-slack-api.js';
import { USER_ID, sharedTestDatabase, startSlackHarness, type SlackHarness } from '../slack/slack-harness.js';
import { anyJsonValue, brokenJson, commandText, fuzzOptions, numRuns, fuzzTimeout } from './arbitraries.js';

const database = sharedTestDatabase();
let h: SlackHarness;

beforeAll(async () => {
  await database.open();
  h = await startSlackHarness({ db: database.db });
  await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
}, 120_000);
afterAll(async () => {
  await h.close();
  await database.close();
});

const contentType = fc.constantFrom(FORM_CONTENT_TYPE, FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, JSON_CONTENT_TYPE, 'text/plain', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=latin1');

/** A fixture with some fields replaced by anything and some left out; ids stay unique so each case is new. */
function mutated(base: Record<string, unknown>, keep: Record<string, unknown>) {
  const keys = Object.keys(base);
  return fc.tuple(fc.subarray(keys), fc.subarray(keys), fc.array(anyJsonValue, { minLength: keys.length, maxLength: keys.length })).map(([dropped, replaced, values]) => {
    const out: Record<string, unknown> = { ...base };
    replaced.forEach((key) => (out[key] = values[keys.indexOf(key)]));
    dropped.forEach((key) => delete out[key]);
    return { ...out, ...keep };
  });
}

const slashCommand = fc.tuple(mutated(loadSlackFixture('slash-command'), {}), commandText, fc.boolean()).map(([fields, text, realTeam]) => {
  // Replies go only to the fake on 127.0.0.1: a fuzzed response_url must never send traffic elsewhere.
  const form: Record<string, string> = { ...stringsOf(fields), text, response_url: h.fake.responseUrl('fuzz'), trigger_id: h.unique('trig.') };
  if (realTeam) form.team_id = h.teamId;
  return new URLSearchParams(form).toString();
});

const eventEnvelope = fc.tuple(mutated(loadSlackFixture('app-mention'), {}), mutated(loadSlackFixture<{ event: Record<string, unknown> }>('app-mention').event, {}), commandText)
  .map(([envelope, event, text]) => ({ ...envelope, team_id: h.teamId, event_id: h.unique('Ev'), event: { ...event, text: `<@U0LOKETBOT> ${text}` } }));
const eventBody = brokenJson(eventEnvelope);

const blockAction = fc.tuple(mutated(loadSlackFixture('block-actions'), {}), commandText).map(([payload, value]) => ({
  ...payload, trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl('fuzz'), actions: [{ ...(loadSlackFixture<{ actions: object[] }>('block-actions').actions[0]), value }],
}));
const viewSubmission = mutated(loadSlackFixture('view-submission'), {}).map((payload) => ({ ...payload, trigger_id: h.unique('trig.') }));
const interactivityBody = fc.oneof(brokenJson(blockAction), brokenJson(viewSubmission)).map((json) => new URLSearchParams({ payload: json }).toString());

const anyBody = fc.oneof(slashCommand, eventBody, interactivityBody, fc.string({ maxLength: 200 }), fc.constant(''));

function stringsOf(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

// A body Bolt cannot route is answered only after its 3 s ack timeout, so requests go in batches (a hundred,
// five hundred at the full count): a batch costs about those 3 s whatever its size, so 10 000 cases take
// twenty batches, not a hundred.
const BATCH = numRuns >= 10_000 ? 500 : 100;
// Bolt logs a body it has no listener for (e.g. `payload=[]`) as unacknowledged after 3 s and answers 404:
// a refusal, not a failure.
const failures = () => h.logs.filter((l) => Number(l.level) >= 50 && !String(l.msg).includes('not acknowledged within 3 seconds'));

describe('POST /slack/events under fuzzing', () => {
  it(`answers ${numRuns} signed hostile requests of every kind with a 2xx or 4xx and keeps serving`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(anyBody, contentType), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(async ([body, type]) => {
          const res = await h.post(body, { contentType: type });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${type} ${body.slice(0, 300)}`).toBeLessThan(500);
        }));
      }),
      { ...fuzzOptions, numRuns: numRuns / BATCH },
    );
    await h.adapter.stop();
    expect(failures().map((l) => `${String(l.msg)} ${JSON.stringify(l.err ?? '').slice(0, 300)}`)).toEqual([]);
    // The fuzzing reached the core, not only Bolt's parsing (most hostile bodies are refused before it).
    expect(h.coreCalls.length).toBeGreaterThan(numRuns / 100);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  }, fuzzTimeout);

  it(`refuses ${numRuns} requests with a bad, missing or stale signature with 401, whatever they carry`, async () => {
    const before = h.coreCalls.length;
    const signature = fc.constantFrom<'bad' | 'none' | { timestamp: number }>('bad', 'none', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }, { timestamp: 0 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(anyBody, contentType, signature), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(async ([body, type, sig]) => {
          const res = await h.post(body, { contentType: type, signature: sig });
          await res.arrayBuffer();
          expect(res.status).toBe(401);
        }));
      }),
      { ...fuzzOptions, numRuns: numRuns / BATCH },
    );
    expect(h.coreCalls.length).toBe(before);
  }, fuzzTimeout);
});
