// One test for each bug the fuzz tests in this folder found, so each stays fixed with a readable name.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notes } from '../../../db/schema/index.js';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, eventBody } from '../../support/fake-slack-api.js';
import { meetingProgramme } from '../../support/programme-fixture.js';
import { USER_ID, sharedTestDatabase, startSlackHarness } from '../slack/slack-harness.js';
import { startTeamsServer } from '../teams/teams-server.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import { actionToIncoming } from '../../../bot/slack/to-incoming.js';

const database = sharedTestDatabase();
beforeAll(database.open);
afterAll(database.close);

describe('found by fuzzing', () => {
  it('a signed button click with neither a channel nor a container is mapped without a channel instead of throwing', () => {
    const click = { team: { id: 'T0FUZZ' }, user: { id: 'U0FUZZ', team_id: 'T0FUZZ' }, trigger_id: 'trig.fuzz' };
    const incoming = actionToIncoming(click as unknown as Parameters<typeof actionToIncoming>[0], 'help');
    expect(incoming).toMatchObject({ workspaceId: 'T0FUZZ', userId: 'U0FUZZ', text: 'help', channelId: undefined });
  });

  it('an id typed as a name every object inherits (constructor, toString) is refused as an invalid id, not a crash', async () => {
    const p = await meetingProgramme(database.db);
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const { outcome, text } = await p.as('UPM', `meeting show ${word}`);
      expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.id_invalid');
      expect(text).toContain(`”${word}”`);
      // The example names a meeting the programme has, or the list of meetings when it has none.
      expect(text).toMatch(/Exempel: `(möte visa M\d+|möten)`/);
    }
  });

  it('a search or note holding a lone surrogate is answered and stored with a replacement character, not a failing query', async () => {
    const p = await meetingProgramme(database.db);
    const { outcome } = await p.as('UPM', 'sök \udc00 ');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).not.toBe('error.generic');
    const note = await p.as('UPM', 'note Rymd Budget \ud800 klar');
    expect(note.text).toContain('N1');
    const rows = await database.db.select({ text: notes.text }).from(notes).where(eq(notes.programmeId, p.test.programme.id));
    expect(rows.map((n) => n.text)).toEqual(['Budget \ufffd klar']);
  });

  it('a correctly signed Slack request whose payload is JSON null gets 400, not 500, and an event with mistyped fields is ignored; neither reaches the core', async () => {
    const h = await startSlackHarness({ db: database.db });
    try {
      await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
      const res = await h.post('payload=null', { contentType: FORM_CONTENT_TYPE });
      expect(res.status).toBe(400);
      // A signed mention whose channel or text is not a string is ignored, not a failing listener.
      for (const event of [{ channel: 123 }, { text: { t: 'help' } }, { user: ['U1'] }]) {
        const body = eventBody({ team_id: h.teamId, event_id: h.unique('Ev'), event });
        expect((await h.post(body, { contentType: JSON_CONTENT_TYPE })).status).toBe(200);
      }
      await h.adapter.stop();
      expect(h.coreCalls).toEqual([]);
      expect(h.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a signed mention whose channel, thread or text carries an unpaired surrogate is answered, not a failing Web API call', async () => {
    const h = await startSlackHarness({ db: database.db });
    try {
      await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
      // JSON carries the unpaired surrogates as \ud800 escapes, which the Web API client cannot form-encode.
      const body = eventBody({ team_id: h.teamId, event_id: h.unique('Ev'), event: { channel: 'C0KLUSTER1\udc00', thread_ts: '\ud800', text: '<@U0LOKETBOT> help \ud800' } });
      expect((await h.post(body, { contentType: JSON_CONTENT_TYPE })).status).toBe(200);
      const posted = await h.fake.waitFor((s) => s.calls.find((c) => c.method.startsWith('chat.post')));
      expect(posted.body.channel).toBe('C0KLUSTER1\ufffd');
      expect(String(posted.body.text)).toContain('/loket');
      expect(h.coreCalls.map((m) => m.text)).toEqual(['help \ufffd']);
      await h.adapter.stop();
      expect(h.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a Teams activity sent as text/plain, a JSON array, or with a field of the wrong type (locale: []) is refused with 415/400 instead of a 500, and reaches nothing', async () => {
    const calls: IncomingMessage[] = [];
    const server = await startTeamsServer({ core: async (m) => (calls.push(m), { kind: 'duplicate' }), config: { allowUnauthenticated: true } });
    try {
      const activity = JSON.stringify({ type: 'message', id: 'a1', text: 'help', from: { id: '29:1x' }, conversation: { id: 'c1' } });
      const send = (body: string, type: string) => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body });
      expect((await send(activity, 'text/plain')).status).toBe(415);
      expect((await send('[]', 'application/json')).status).toBe(400);
      expect((await send('', 'application/json')).status).toBe(400);
      expect((await send(activity.replace('"text":"help"', '"text":"help","locale":[]'), 'application/json')).status).toBe(400);
      expect((await send(activity.replace('"from":{"id":"29:1x"}', '"from":{"id":29}'), 'application/json')).status).toBe(400);
      expect(calls).toEqual([]);
      expect(server.logs.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
