// Slash commands arriving in a burst are stored together before Slack is told "got it" (group commit,
// handlers/core/inbox-batch.ts): every acknowledged command has its row and gets its answer, and when the
// statement storing them fails, every one of them is told to try again and none runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createInboxRepository } from '../../../db/inbox.repository.js';
import { systemClock } from '../../../handlers/core/context.js';
import { createInbox } from '../../../handlers/core/inbox.js';
import { FORM_CONTENT_TYPE, slashCommandBody } from '../../support/fake-slack-api.js';
import { openDatabase } from '../../../db/client.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness } from './slack-harness.js';

const TRY_AGAIN = 'LOKET når inte sin databas just nu, så kommandot sparades inte. Försök igen om en liten stund.';
const BURST = 20;
const database = sharedTestDatabase();

beforeAll(database.open);
afterAll(database.close);

describe('a burst of /loket commands', () => {
  it('twenty commands sent at once are all acknowledged, stored, run once and answered through their own response_url', async () => {
    const h = await startSlackHarness({ db: database.db, withInbox: true });
    try {
      await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
      const commands = Array.from({ length: BURST }, (_, i) => ({ name: `Skur${i}`, trigger: h.unique(`trig.${i}.`), reply: h.unique(`burst${i}.`) }));
      const acks = await Promise.all(commands.map((c) =>
        h.post(slashCommandBody({ team_id: h.teamId, text: `cluster add ${c.name} sector:space`, trigger_id: c.trigger, response_url: h.fake.responseUrl(c.reply) }), { contentType: FORM_CONTENT_TYPE })));

      expect(acks.map((a) => a.status)).toEqual(commands.map(() => 200));
      expect(await Promise.all(acks.map((a) => a.text()))).toEqual(commands.map(() => ''));
      await h.fake.waitFor((s) => (s.responses.length >= BURST ? s.responses : undefined), 15_000);
      await h.adapter.stop();

      const repo = createInboxRepository({ db: database.db });
      for (const c of commands) {
        expect(shownText(h.fake.responses.find((r) => r.id === c.reply)?.body)).toContain(`Klustret ”${c.name}” (sektor: space) är tillagt`);
        const { row } = await repo.find('slack.command', c.trigger);
        expect(row?.status).toBe('replied');
        // Kept with the effect in one commit, so a crash before the reply sends this answer, not a second run.
        expect(row?.outcome).toMatchObject({ kind: 'reply' });
        expect(await h.clustersNamed(c.name)).toHaveLength(1);
      }
      expect(h.coreCalls).toHaveLength(BURST);
      expect(h.fake.responses).toHaveLength(BURST);
    } finally {
      await h.close();
    }
  });

  it('when the statement storing them fails, every command is acknowledged with "try again", none is run and none is stored', async () => {
    // Nothing listens on port 1: every statement fails at once with ECONNREFUSED.
    const gone = await openDatabase({ databaseUrl: 'postgres://loket@127.0.0.1:1/loket', dataDir: '', maxConnections: 1 });
    const inbox = createInbox({ db: gone.db, clock: systemClock, logger: pino({ level: 'silent' }) });
    const h = await startSlackHarness({ db: database.db, inbox });
    try {
      await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
      const commands = Array.from({ length: 10 }, (_, i) => ({ name: `Borta${i}`, trigger: h.unique(`trig.${i}.`) }));
      const acks = await Promise.all(commands.map((c) =>
        h.post(slashCommandBody({ team_id: h.teamId, text: `cluster add ${c.name} sector:space`, trigger_id: c.trigger, response_url: h.fake.responseUrl(c.trigger) }), { contentType: FORM_CONTENT_TYPE })));

      expect(acks.map((a) => a.status)).toEqual(commands.map(() => 200));
      for (const ack of acks) expect(await ack.json()).toEqual({ response_type: 'ephemeral', text: TRY_AGAIN });
      await h.adapter.stop();
      expect(h.coreCalls).toHaveLength(0);
      expect(h.fake.responses).toHaveLength(0);
      const repo = createInboxRepository({ db: database.db });
      for (const c of commands) {
        expect((await repo.find('slack.command', c.trigger)).row).toBeUndefined();
        expect(await h.clustersNamed(c.name)).toHaveLength(0);
      }
      expect(h.logs.filter((l) => l['msg'] === 'command not stored: database unavailable')).toHaveLength(10);
    } finally {
      await h.close();
      await gone.close();
    }
  });
});
