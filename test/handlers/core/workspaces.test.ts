import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { people, programmeRoles, workspaces } from '../../../db/schema/index.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { ensureClaimCode } from '../../../handlers/programme/claim-code.js';
import { createTestClock, createTestCore, say, silentLogger, testSettings, uniqueWorkspaceId } from '../../support/test-core.js';
import { openFreshDatabase, openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('connecting workspaces to a programme', () => {
  it('on a fresh deployment the first Slack workspace joins the default programme; a second one sees only how to connect', async () => {
    const fresh = await openFreshDatabase();
    try {
      const core = createLoketCore({ db: fresh.db, clock: createTestClock(), logger: silentLogger, settings: testSettings });
      const first = await say(core, { platform: 'slack', workspaceId: 'TFIRST', userId: 'U1' }, 'cluster list');
      expect(first.text).toContain('Inga kluster ännu');
      const second = await say(core, { platform: 'teams', workspaceId: 'tenant-2', userId: 'u2' }, 'cluster list');
      expect(second.outcome.kind === 'reply' && second.outcome.reply.error?.code).toBe('workspace.not_connected');
      expect(second.text).toContain('program anslut <kod>');
      const rows = await fresh.db.select().from(workspaces);
      expect(rows.find((w) => w.externalId === 'TFIRST')?.programmeId).toBeTruthy();
      expect(rows.find((w) => w.externalId === 'tenant-2')?.programmeId).toBeNull();
      // A person of an unconnected workspace is not stored at all.
      expect((await fresh.db.select().from(people)).map((p) => p.userId)).toEqual(['U1']);
    } finally {
      await fresh.close();
    }
  });

  it('a workspace that has not joined sees nothing of the programme, whatever it asks', async () => {
    const test = await createTestCore({ db: opened.db });
    const home = uniqueWorkspaceId();
    await test.connectWorkspace('slack', home);
    await test.makeManager('slack', home, 'UPM');
    await say(test.core, { platform: 'slack', workspaceId: home, userId: 'UPM' }, 'cluster add Hemlig sector:space');
    // The shared test database already has its default programme connected, so this one stays out.
    await ensureDefaultTaken(opened);
    const outsider = { platform: 'slack' as const, workspaceId: uniqueWorkspaceId(), userId: 'UX' };
    for (const text of ['cluster list', 'whoami', 'help', 'join Hemlig', 'cluster add X sector:y']) {
      const { outcome, text: shown } = await say(test.core, outsider, text);
      expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('workspace.not_connected');
      expect(shown).not.toContain('Hemlig');
    }
  });

  it('a project manager invites another organisation; its workspace joins with the code once', async () => {
    const test = await createTestCore({ db: opened.db });
    const home = uniqueWorkspaceId();
    await test.connectWorkspace('slack', home);
    await test.makeManager('slack', home, 'UPM');
    await say(test.core, { platform: 'slack', workspaceId: home, userId: 'UPM' }, 'cluster add Rymd sector:space');
    const invite = await say(test.core, { platform: 'slack', workspaceId: home, userId: 'UPM' }, 'programme invite');
    const code = /Inbjudningskod: (\S+)/.exec(invite.text)?.[1];
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await ensureDefaultTaken(opened);
    const tenant = uniqueWorkspaceId('tenant-');
    const guest = { platform: 'teams' as const, workspaceId: tenant, userId: 'aad-1', locale: 'en-US' };
    const joined = await say(test.core, guest, `programme join ${code!.toLowerCase()}`);
    expect(joined.text).toContain('This workspace is now connected to the programme');
    expect((await say(test.core, guest, 'cluster list')).text).toContain('Rymd – space');
    const other = { platform: 'teams' as const, workspaceId: uniqueWorkspaceId('tenant-'), userId: 'aad-2' };
    const reused = await say(test.core, other, `programme join ${code}`);
    expect(reused.outcome.kind === 'reply' && reused.outcome.reply.error?.code).toBe('join_programme.invalid');
    const [row] = await opened.db.select().from(workspaces).where(eq(workspaces.externalId, other.workspaceId));
    expect(row?.programmeId ?? null).toBeNull();
  });

  it('an invite code expires after seven days', async () => {
    const test = await createTestCore({ db: opened.db });
    const home = uniqueWorkspaceId();
    await test.connectWorkspace('slack', home);
    await test.makeManager('slack', home, 'UPM');
    const invite = await say(test.core, { platform: 'slack', workspaceId: home, userId: 'UPM' }, 'programme invite');
    const code = /Inbjudningskod: (\S+)/.exec(invite.text)![1];
    test.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    await ensureDefaultTaken(opened);
    const late = await say(test.core, { platform: 'slack', workspaceId: uniqueWorkspaceId(), userId: 'U9' }, `programme join ${code}`);
    expect(late.outcome.kind === 'reply' && late.outcome.reply.error?.code).toBe('join_programme.invalid');
  });
});

describe('becoming project manager', () => {
  it('the claim code from the start-up log makes the first person project manager, once', async () => {
    const fresh = await openFreshDatabase();
    try {
      const clock = createTestClock();
      const { code } = await ensureClaimCode({ db: fresh.db, clock, logger: silentLogger, programmeName: 'Test' });
      const core = createLoketCore({ db: fresh.db, clock, logger: silentLogger, settings: testSettings });
      const anna = { platform: 'slack' as const, workspaceId: 'T1', userId: 'UANNA', displayName: 'Anna' };
      expect((await say(core, anna, 'cluster add Rymd sector:space')).outcome).toMatchObject({ reply: { error: { code: 'permission.denied' } } });
      expect((await say(core, anna, `claim ${code}`)).text).toBe('Klart! Du är nu projektledare för programmet.');
      expect((await say(core, anna, 'cluster add Rymd sector:space')).text).toContain('är tillagt');
      const erik = { ...anna, userId: 'UERIK' };
      expect((await say(core, erik, `claim ${code}`)).outcome).toMatchObject({ reply: { error: { code: 'claim.invalid' } } });
      const managers = await fresh.db.select().from(programmeRoles);
      expect(managers).toHaveLength(1);
      expect((await ensureClaimCode({ db: fresh.db, clock, logger: silentLogger, programmeName: 'Test' })).code).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });

  it('people listed in LOKET_ADMINS are project managers from their first message', async () => {
    const test = await createTestCore({ db: opened.db, settings: { admins: [{ platform: 'teams', userId: 'aad-pm' }] } });
    const tenant = uniqueWorkspaceId('tenant-');
    await test.connectWorkspace('teams', tenant);
    const { text } = await say(test.core, { platform: 'teams', workspaceId: tenant, userId: 'aad-pm', displayName: 'Pia' }, 'whoami');
    expect(text).toContain('projektledare');
  });

  it('a manager can make someone else manager; a participant cannot', async () => {
    const test = await createTestCore({ db: opened.db });
    const ws = uniqueWorkspaceId();
    await test.connectWorkspace('slack', ws);
    await test.makeManager('slack', ws, 'UPM');
    const as = (userId: string, text: string) => say(test.core, { platform: 'slack', workspaceId: ws, userId }, text);
    expect((await as('UB', 'role <@UPM> board')).outcome).toMatchObject({ reply: { error: { code: 'permission.denied' } } });
    expect((await as('UPM', 'role <@UB|bo> manager')).text).toBe('bo är nu projektledare.');
    expect((await as('UB', 'whoami')).text).toContain('projektledare');
  });
});

async function ensureDefaultTaken(db: OpenedDatabase) {
  // On a shared database the default programme may still be waiting for its first workspace.
  const repos = createRepositories(db.db);
  const { programme } = await repos.programmes.ensureDefault('Test');
  if ((await repos.workspaces.countPlatformWorkspaces(programme.id)).total > 0) return;
  const { workspace } = await repos.workspaces.ensure('slack', uniqueWorkspaceId('TDEFAULT'));
  await repos.workspaces.connect(workspace.id, programme.id, new Date());
}

