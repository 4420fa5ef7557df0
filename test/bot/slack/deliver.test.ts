// Delivery of replies that no handler produces yet (forms, channel posts), against the fake Slack API over
// real HTTP. The boundary tests cover the rest with the real core.
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverInteractive, formAsButton } from '../../../bot/slack/deliver.js';
import { decodeFormMetadata } from '../../../bot/slack/form-metadata.js';
import type { Reply } from '../../../handlers/core/reply.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { shownText } from './slack-harness.js';
import { capturingLogger } from '../../support/capturing-logger.js';

const meetingForm: Reply = {
  visibility: 'private',
  blocks: [{ type: 'text', text: 'Fyll i mötet, eller skriv `meeting "Rubrik" date:2026-03-02`.' }],
  form: { title: 'Logga möte', verb: 'meeting', submitLabel: 'Spara', fields: [{ key: '_text', label: 'Rubrik', kind: 'text', required: true }] },
};

let fake: FakeSlackApi;
let client: webApi.WebClient;
const { logger, logs } = capturingLogger();

beforeEach(async () => {
  fake = await startFakeSlackApi();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  logs.length = 0;
});

afterEach(async () => {
  await fake.close();
});

const target = () => ({
  client, logger, userId: 'U0ANNA0001', teamId: 'T0LOKET01', channelId: 'C0KLUSTER1',
  triggerId: '7654321098765.1234567890123.abc', responseUrl: fake.responseUrl('cmd'),
});

describe('deliverInteractive', () => {
  it('a reply with a form opens a modal on the trigger_id that carries the channel, the user, the response_url and the verb', async () => {
    await deliverInteractive(meetingForm, 'sv', target());

    const [call] = fake.callsTo('views.open');
    expect(call?.body['trigger_id']).toBe('7654321098765.1234567890123.abc');
    const view = call?.body['view'] as { callback_id: string; private_metadata: string; title: { text: string } };
    expect(view).toMatchObject({ callback_id: 'loket_form', title: { text: 'Logga möte' } });
    expect(decodeFormMetadata(view.private_metadata)).toEqual({
      verb: 'meeting', userId: 'U0ANNA0001', teamId: 'T0LOKET01', channelId: 'C0KLUSTER1', responseUrl: fake.responseUrl('cmd'),
    });
    expect(fake.responses).toEqual([]);
  });

  it('when the modal cannot open (the trigger expired), the user gets the reply’s text form instead and a warning is logged', async () => {
    fake.failNext('views.open', 'expired_trigger_id');
    await deliverInteractive(meetingForm, 'sv', target());

    const response = await fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(shownText(response.body)).toContain('Fyll i mötet');
    expect(logs.find((l) => l['msg'] === 'could not open the Slack modal; answering with text')).toMatchObject({ level: 40, platform: 'slack' });
  });

  it('a reply meant for the channel is posted in_channel on the response_url', async () => {
    await deliverInteractive({ visibility: 'channel', blocks: [{ type: 'text', text: 'Veckans sammanfattning' }] }, 'sv', target());
    const response = await fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(response.body).toMatchObject({ response_type: 'in_channel', text: 'Veckans sammanfattning' });
  });

  it('without a response_url a private reply goes to the user as chat.postEphemeral in the channel', async () => {
    await deliverInteractive({ visibility: 'private', blocks: [{ type: 'text', text: 'Klart' }] }, 'sv', { ...target(), responseUrl: undefined, triggerId: undefined });
    expect(fake.callsTo('chat.postEphemeral')[0]?.body).toMatchObject({ channel: 'C0KLUSTER1', user: 'U0ANNA0001', text: 'Klart' });
  });
});

describe('formAsButton', () => {
  it('where no modal can open (mentions, DMs), a form becomes a button that asks for it again', () => {
    const reply = formAsButton(meetingForm);
    expect(reply.form).toBeUndefined();
    expect(reply.buttons).toEqual([{ label: 'Logga möte', command: 'meeting', style: 'primary' }]);
  });
});
