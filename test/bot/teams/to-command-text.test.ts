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

  it('a name new Teams splits over adjacent <at> tags of one person is one mention with the whole name', () => {
    const activity = fixture('channel-mention-split-name');
    expect(toCommandText(activity)).toBe(`cluster role Rymd <@${ERIK}|Erik Lund> leader`);
    expect(mentionNames(activity)).toEqual({ [ERIK]: 'Erik Lund' });
  });

  it('two different people side by side stay two mentions, and an older client repeating the whole name on each part gives it once', () => {
    const text = toCommandText({
      text: 'with:<at>Erik</at>&nbsp;<at>Lund</at> <at>Sara</at> <at>Sara Ek</at>&nbsp;<at>Sara Ek</at>',
      entities: [mention(ERIK, 'Erik', '<at>Erik</at>'), mention(ERIK, 'Lund', '<at>Lund</at>'), mention('29:sara', 'Sara', '<at>Sara</at>'), mention('29:sara2', 'Sara Ek'), mention('29:sara2', 'Sara Ek')],
    });
    expect(text).toBe(`with:<@${ERIK}|Erik Lund> <@29:sara|Sara> <@29:sara2|Sara Ek>`);
  });

  it('an emoji image becomes its character, and a named entity any HTML page may use is decoded', () => {
    expect(toCommandText(fixture('personal-emoji'))).toBe('note Rymd Afterwork med R&D-gänget på fredag 🍺');
    expect(toCommandText({ text: 'caf&eacute; &hellip; <img alt="&quot;x&quot;" src="a.png"> <img src="b.png">' })).toBe('café … "x"');
  });

  it('when only the attached HTML copy carries the emoji, it is read from there with its mentions intact', () => {
    const activity = fixture('channel-mention') as TextActivityLike & { attachments: { contentType: string; content: string }[] };
    activity.text = '<at>LOKET</at>&nbsp;note Rymd <at>Erik Lund</at> bjuder på fika';
    activity.attachments = [{ contentType: 'text/html', content: '<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">LOKET</span>&nbsp;note Rymd <span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="1">Erik Lund</span> bjuder på fika <img itemscope="" itemtype="http://schema.skype.com/Emoji" itemid="coffee" alt="☕" title="Kaffe"></p>' }];
    expect(toCommandText(activity)).toBe(`note Rymd <@${ERIK}|Erik Lund> bjuder på fika ☕`);
  });

  it('a pasted link is its address; a linked word keeps the address beside it', () => {
    const text = toCommandText({ text: 'se <a href="https://www.esa.int" title="https://www.esa.int">https://www.esa.int</a> och <a href="https://loket.example/a?b=1&amp;c=2">planen</a>' });
    expect(text).toBe('se https://www.esa.int och planen (https://loket.example/a?b=1&c=2)');
  });

  it('paragraphs in divs and empty paragraphs give one line each, without blank lines', () => {
    expect(toCommandText({ text: '<div><div>meeting X</div><p>&nbsp;</p><div>decision: ja</div></div>' })).toBe('meeting X\ndecision: ja');
  });

  it('mentionNames maps each mentioned colleague (not the bot) to the name Teams resolved', () => {
    expect(mentionNames(fixture('channel-mention'))).toEqual({ [ERIK]: 'Erik Lund' });
  });
});
