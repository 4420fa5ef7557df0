import { describe, expect, it } from 'vitest';
import { fromSlackText, unescapeSlack } from '../../../bot/slack/slack-text.js';
import { escapeMrkdwn } from '../../../bot/slack/mrkdwn.js';
import { commandToIncoming, eventToIncoming } from '../../../bot/slack/to-incoming.js';
import { loadSlackFixture } from '../../support/fake-slack-api.js';
import type { SlashCommand } from '@slack/bolt';

describe('Slack text in: what the person typed', () => {
  it.each([
    ['note Rymd R&amp;D-möte: budget &gt; 2 MSEK, se <https://www.esa.int>', 'note Rymd R&D-möte: budget > 2 MSEK, se https://www.esa.int'],
    ['se <http://www.esa.int|www.esa.int>', 'se www.esa.int'],
    ['mejla <mailto:anna@irf.se|anna@irf.se>', 'mejla anna@irf.se'],
    ['läs <https://esa.int/a?x=1&amp;y=2|ESA:s &lt;rapport&gt;>', 'läs ESA:s <rapport> (https://esa.int/a?x=1&y=2)'],
    ['i <#C0KLUSTER1|klusterledare> och <#C0OTHER>', 'i #klusterledare och #C0OTHER'],
    ['<!here> <!channel> <!everyone> <!here|here>', '@here @channel @everyone @here'],
    ['till <!subteam^S0STYR|@styrgrupp>', 'till @styrgrupp'],
    ['möte <!date^1392734382^{date} kl {time}|Feb 18, 2014 6:39 AM>', 'möte Feb 18, 2014 6:39 AM'],
    ['action: ring <@U0BERIT002> och <@U0CARL0003|carl>', 'action: ring <@U0BERIT002> och <@U0CARL0003|carl>'],
    ['skrev &amp;lt; och &amp;amp;', 'skrev &lt; och &amp;'],
    ['&quot;citat&quot; &#39;x&#39;', '&quot;citat&quot; &#39;x&#39;'],
  ])('%s → %s', (slack, plain) => {
    expect(fromSlackText(slack)).toBe(plain);
  });

  it('unescapes only &amp; &lt; &gt;, in one pass', () => {
    expect(unescapeSlack('&amp;gt; &lt;&gt; &nbsp;')).toBe('&gt; <> &nbsp;');
  });

  it.each([
    ['R&D-möte: budget > 2 MSEK, se https://www.esa.int', 'R&amp;D-möte: budget &gt; 2 MSEK, se https://www.esa.int'],
    ['a &amp; b < c', 'a &amp;amp; b &lt; c'],
    ['<!here> & <@U0ANNA0001>', '&lt;!here&gt; &amp; <@U0ANNA0001>'],
  ])('plain text %s is escaped once for Slack, as %s, and reads back as itself', (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
    expect(fromSlackText(escaped)).toBe(text);
  });

  it('a slash command and a DM from the recorded fixtures reach the core as plain text', () => {
    const command = { ...loadSlackFixture<SlashCommand>('slash-command'), text: 'search R&amp;D &gt; 2' };
    expect(commandToIncoming(command).text).toBe('search R&D > 2');
    const dm = loadSlackFixture<{ event: { text: string; user: string; channel: string; ts: string } }>('message-im-escaped-link').event;
    const message = eventToIncoming({ teamId: 'T0LOKET01', eventId: 'Ev1', user: dm.user, channel: dm.channel, channelType: 'im', ts: dm.ts, text: dm.text });
    expect(message.text).toBe('note Rymd R&D-möte: budget > 2 MSEK, se https://www.esa.int');
    expect(message.deliveryKey).toEqual({ source: 'slack.message', key: 'T0LOKET01:D0ANNALOKET:1767258300.000300' });
  });
});
