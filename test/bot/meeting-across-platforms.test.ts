import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { actionItems, clusters, decisions, meetingClusters, meetings } from '../../db/schema/index.js';
import { FORM_CONTENT_TYPE, slashCommandBody } from '../support/fake-slack-api.js';
import { messageActivity, startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-teams-connector.js';
import { openTestDatabase } from '../support/test-database.js';
import { startSlackHarness, USER_ID, type SlackHarness } from './slack/slack-harness.js';
import { startTeamsServer, visibleText, type TeamsServer } from './teams/teams-server.js';

// One core behind both adapters: the same typed meeting must become the same rows from either platform.
const meetingText = ['meeting "Styrgrupp Rymd" date:2026-03-02 cluster:Rymd kind:board', 'decision: Vi söker EU-medel', 'action: @me skriv ansökan due:2026-03-20'].join('\n');

let opened: OpenedDatabase;
let slack: SlackHarness;
let teams: TeamsServer;
let connector: FakeTeamsConnector;
const tenant = `tenant-${Date.now()}`;
const teamsUser = { id: '29:1teamsLeader', name: 'Tove Teams', aadObjectId: 'aad-tove' };

beforeAll(async () => {
  opened = await openTestDatabase();
  slack = await startSlackHarness({ db: opened.db });
  connector = await startFakeTeamsConnector();
  teams = await startTeamsServer({ core: slack.testCore.core });
  const { testCore } = slack;
  await testCore.connectWorkspace('teams', tenant);
  await testCore.makeManager('slack', slack.teamId, USER_ID, 'Anna');
  await testCore.makeManager('teams', tenant, teamsUser.id, teamsUser.name);
  await testCore.core({ platform: 'slack', workspaceId: slack.teamId, userId: USER_ID, text: 'cluster add Rymd sector:space' });
}, 60_000);
afterAll(async () => {
  await teams?.close();
  await connector?.close();
  await slack?.close();
  await opened?.close();
});

async function storedMeetings() {
  const rows = await opened.db.select().from(meetings).where(eq(meetings.programmeId, slack.testCore.programme.id)).orderBy(asc(meetings.number));
  const ids = rows.map((m) => m.id);
  const linked = ids.length ? await opened.db.select({ meetingId: meetingClusters.meetingId, name: clusters.name }).from(meetingClusters).innerJoin(clusters, eq(clusters.id, meetingClusters.clusterId)).where(inArray(meetingClusters.meetingId, ids)) : [];
  const decided = ids.length ? await opened.db.select().from(decisions).where(inArray(decisions.meetingId, ids)) : [];
  const actions = ids.length ? await opened.db.select().from(actionItems).where(inArray(actionItems.meetingId, ids)) : [];
  return rows.map((m) => ({
    title: m.title,
    heldOn: m.heldOn,
    kind: m.kind,
    clusters: linked.filter((l) => l.meetingId === m.id).map((l) => l.name),
    decisions: decided.filter((d) => d.meetingId === m.id).map((d) => d.text),
    actions: actions.filter((a) => a.meetingId === m.id).map((a) => [a.text, a.dueOn]),
  }));
}

describe('a meeting logged from Slack and from Teams', () => {
  it('lands as the same rows, and each platform shows the confirmation with the short id', async () => {
    const trigger = slack.unique('trig');
    const body = slashCommandBody({ team_id: slack.teamId, user_id: USER_ID, text: meetingText, trigger_id: trigger, response_url: slack.fake.responseUrl(trigger) });
    expect((await slack.post(body, { contentType: FORM_CONTENT_TYPE })).status).toBe(200);
    const slackReply = await slack.fake.waitFor((s) => s.responses.find((r) => r.id === trigger), 15_000);
    expect(JSON.stringify(slackReply.body)).toContain('M1');

    const activity = messageActivity({ text: meetingText, serviceUrl: connector.serviceUrl, tenantId: tenant, from: teamsUser });
    expect((await teams.post(activity)).status).toBeLessThan(300);
    const teamsReply = await connector.waitFor(() => true, 15_000);
    expect(visibleText(teamsReply)).toContain('M2');

    const [fromSlack, fromTeams] = await storedMeetings();
    const expected = { title: 'Styrgrupp Rymd', heldOn: '2026-03-02', kind: 'board', clusters: ['Rymd'], decisions: ['Vi söker EU-medel'], actions: [['skriv ansökan', '2026-03-20']] };
    expect(fromSlack).toEqual(expected);
    expect(fromTeams).toEqual(expected);
  }, 40_000);
});
