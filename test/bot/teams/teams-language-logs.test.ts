// Language and logs at the Teams boundary: a person who has not chosen a language is answered in the
// language of their Teams client (activity.locale) until `profile lang:` says otherwise, and every command
// leaves one log line carrying request id, platform, workspace, programme and handler.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { people } from '../../../db/schema/index.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { messageActivity, type TeamsUser } from '../../support/fake-teams-connector.js';
import { createTestCore, testSettings, uniqueWorkspaceId } from '../../support/test-core.js';
import { captureLogger, startTeamsServer, visibleText, useTeamsTestBed } from './teams-server.js';

const bed = useTeamsTestBed();

/** A connected tenant whose core logs into `coreLogs`, and one person writing to LOKET in a 1:1 chat. */
async function setup() {
  const test = await createTestCore({ db: bed.db });
  const tenantId = uniqueWorkspaceId('tenant-');
  await test.connectWorkspace('teams', tenantId);
  const { logger, lines: coreLogs } = captureLogger();
  const core = createLoketCore({ db: bed.db, clock: test.clock, logger, settings: testSettings });
  const server = await startTeamsServer({ core });
  bed.servers.push(server);
  const sara: TeamsUser = { id: `29:1sara-${randomUUID()}`, name: 'Sara Lind' };
  const conversation = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
  const ask = async (text: string, locale: string) => {
    const activity = messageActivity({ text, from: sara, tenantId, conversation, serviceUrl: bed.connector.serviceUrl, locale });
    const before = bed.connector.calls.length;
    expect((await server.post(activity)).status).toBe(200);
    const call = await bed.connector.waitFor((c, i = bed.connector.calls.indexOf(c)) => i >= before && c.conversationId === conversation.id);
    return { activity, text: visibleText(call) };
  };
  return { test, tenantId, sara, ask, coreLogs };
}

describe('Teams locale', () => {
  it('answers a person without a chosen language in their Teams language, and `profile lang:` then wins over it', async () => {
    const { test, sara, ask } = await setup();
    expect((await ask('cluster list', 'en-US')).text).toContain('No clusters yet');
    expect((await ask('cluster list', 'sv-SE')).text).toContain('Inga kluster ännu');

    expect((await ask('profile lang:sv', 'en-GB')).text).toContain('Profilen är uppdaterad');
    expect((await ask('cluster list', 'en-US')).text).toContain('Inga kluster ännu');
    const [row] = await bed.db.select().from(people).where(and(eq(people.programmeId, test.programme.id), eq(people.userId, sara.id)));
    expect(row?.language).toBe('sv');
  });
});

describe('command logs', () => {
  it('each Teams command logs its request id, platform, workspace, programme and handler', async () => {
    const { test, tenantId, ask, coreLogs } = await setup();
    const { activity } = await ask('cluster list', 'sv-SE');
    const line = coreLogs.find((l) => l.msg === 'command' && l.requestId === activity.id);
    expect(line).toMatchObject({ level: 30, platform: 'teams', workspace: tenantId, programme: test.programme.id, handler: 'cluster list' });
  });
});
