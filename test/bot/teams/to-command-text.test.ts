import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mentionNames, toCommandText, type TextActivityLike } from '../../../bot/teams/to-command-text.js';
import { parseMessage } from '../../../handlers/core/parse.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as TextActivityLike;

const BOT = '28:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const ERIK = '29:1Qw8eRt_yU7iO6pA5sD4fG3hJ2kL1zX0cV9bN8mM7nB6vC5xZ4aS3dF2gH1jK0lP';
const mention = (id: string, name: string, text = `<at>${name}</at>`) => ({ type: 'mention', text, mentioned: { id, name } });

describe('toCommandText', () => {
  it('a channel message loses the bot mention and keeps a colleague as a person the parser reads', () => {
    const text = toCommandText(fixture('channel-mention'));
    expect(text).toBe(`cluster role Rymd <@${ERIK}|Erik Lund> leader`);
    const { tokens } = parseMessage(text);
    expect(tokens).toEqual([
      { type: 'word', value: 'cluster' },
      { type: 'word', value: 'role' },
      { type: 'word', value: 'Rymd' },
      { type: 'person', ref: { type: 'platform', id: ERIK, name: 'Erik Lund' }, raw: `<@${ERIK}|Erik Lund>` },
      { type: 'word', value: 'leader' },
    ]);
  });

  it('a 1:1 message without mentions comes through unchanged', () => {
    expect(toCommandText(fixture('personal-message'))).toBe('cluster list');
  });

  it('entities Teams adds are decoded: &nbsp; &amp; &quot; and numeric ones', () => {
    const text = toCommandText({ text: 'note Rymd&nbsp;&quot;R&amp;D&quot; &#8211; bra &#x1F680;', entities: [] });
    expect(text).toBe('note Rymd "R&D" – bra 🚀');
  });

  it('a bot mention in the middle and twice is removed everywhere, other mentions stay in order', () => {
    const activity: TextActivityLike = {
      text: '<at>LOKET</at> meeting "Styrgrupp" with:<at>Erik</at> <at>LOKET</at> <at>Sara Ek</at>',
      recipient: { id: BOT },
      entities: [mention(BOT, 'LOKET'), mention(ERIK, 'Erik Lund', '<at>Erik</at>'), mention(BOT, 'LOKET'), mention('29:sara', 'Sara Ek')],
    };
    expect(toCommandText(activity)).toBe(`meeting "Styrgrupp" with:<@${ERIK}|Erik Lund>  <@29:sara|Sara Ek>`);
  });

  it('a mention the user typed as text is not turned into a platform mention', () => {
    const text = toCommandText({ text: 'role &lt;@29:boss|Boss&gt; manager', recipient: { id: BOT }, entities: [] });
    expect(text).toBe('role < @29:boss|Boss> manager');
    expect(parseMessage(text).tokens.some((t) => t.type === 'person' && t.ref.type === 'platform')).toBe(false);
  });

  it('formatted text keeps its lines so meeting decisions arrive as following lines', () => {
    const text = toCommandText({ text: '<p>meeting Styrgrupp</p><p>decision: budget&nbsp;ok</p>decision: två<br>action: @me boka', entities: [] });
    expect(text).toBe('meeting Styrgrupp\ndecision: budget ok\ndecision: två\naction: @me boka');
    expect(parseMessage(text).lines.map((l) => l.kind)).toEqual(['decision', 'decision', 'action']);
  });

  it('a name with characters that would end the mention early is cleaned', () => {
    const text = toCommandText({ text: '<at>A|B &gt; C</at> hej', entities: [mention('29:x', 'A|B > C', '<at>A|B &gt; C</at>')] });
    expect(text).toBe('<@29:x|A B C> hej');
  });

  it('a placeholder character the user typed cannot smuggle in a mention', () => {
    const text = toCommandText({ text: 'hej \uE0000\uE001 <at>Erik</at>', entities: [mention(ERIK, 'Erik Lund', '<at>Erik</at>')] });
    expect(text).toBe(`hej 0 <@${ERIK}|Erik Lund>`);
  });

  it('mentionNames maps each mentioned colleague (not the bot) to the name Teams resolved', () => {
    expect(mentionNames(fixture('channel-mention'))).toEqual({ [ERIK]: 'Erik Lund' });
  });
});
