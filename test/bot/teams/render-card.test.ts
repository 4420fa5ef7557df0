import { describe, expect, it } from 'vitest';
import { MESSAGE_BUDGET_BYTES, utf16Bytes, type AdaptiveCard, type CardElement } from '../../../bot/teams/adaptive-card.js';
import { renderTeamsMessages, type TeamsMessage } from '../../../bot/teams/render-card.js';
import { textReply, type Reply } from '../../../handlers/core/reply.js';

const cardsOf = (messages: TeamsMessage[]): AdaptiveCard[] => messages.map((m) => m.attachments?.[0]?.content as AdaptiveCard);
const allElements = (card: AdaptiveCard): CardElement[] =>
  card.body.flatMap((e) => (e.type === 'ActionSet' ? [e, ...(e.actions as CardElement[])] : [e]));
const actionsOf = (cards: AdaptiveCard[]) => cards.flatMap((c) => [...(c.actions ?? []), ...c.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as CardElement[])]);
const textsOf = (cards: AdaptiveCard[]) => cards.flatMap((c) => c.body.filter((e) => e.type === 'TextBlock').map((e) => e.text as string));

describe('renderTeamsMessages', () => {
  it('a reply of only text is one markdown message with a bold title and paragraph breaks', () => {
    const messages = renderTeamsMessages(textReply('Klustret ”Rymd” är tillagt.\nMedlemmar går med med `join Rymd`.', { title: 'Kluster' }));
    expect(messages).toEqual([
      { type: 'message', textFormat: 'markdown', text: '**Kluster**\n\nKlustret ”Rymd” är tillagt.\n\nMedlemmar går med med `join Rymd`.' },
    ]);
  });

  it('a command is shown as Teams users type it: after @LOKET in a channel, plain in a 1:1 chat, never /loket', () => {
    const reply: Reply = { visibility: 'private', title: 'Skriv `/loket help`', blocks: [{ type: 'text', text: 'Gå med genom `/loket join Rymd`.' }, { type: 'list', items: ['`/loket help möten`'] }, { type: 'fields', fields: [{ label: 'Exempel', value: '`/loket join Rymd`' }] }] };
    const channel = JSON.stringify(renderTeamsMessages(reply, 'channel'));
    const personal = JSON.stringify(renderTeamsMessages(reply, 'personal'));
    expect(channel).toContain('`@LOKET join Rymd`');
    expect(channel).toContain('`@LOKET help möten`');
    expect(personal).toContain('`join Rymd`');
    expect(personal).toContain('`help möten`');
    for (const rendered of [channel, personal]) expect(rendered).not.toContain('/loket');
  });

  it('fields become a FactSet, lists become bullet lines and the title a bold heading', () => {
    const reply: Reply = {
      visibility: 'private',
      title: 'Rymd',
      blocks: [
        { type: 'text', text: 'Läget just nu' },
        { type: 'fields', fields: [{ label: 'Bransch', value: 'space' }, { label: 'Ledare', value: 'Anna Berg' }] },
        { type: 'list', title: 'Öppna åtgärder', items: ['A1 Boka lokal', 'A2 Skicka inbjudan'] },
      ],
    };
    const [card, ...more] = cardsOf(renderTeamsMessages(reply));
    expect(more).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card!.body).toEqual([
      { type: 'TextBlock', text: 'Rymd', wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading' },
      { type: 'TextBlock', text: 'Läget just nu', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Bransch', value: 'space' }, { title: 'Ledare', value: 'Anna Berg' }] },
      { type: 'TextBlock', text: 'Öppna åtgärder', wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: '• A1 Boka lokal', wrap: true },
      { type: 'TextBlock', text: '• A2 Skicka inbjudan', wrap: true, spacing: 'None' },
    ]);
  });

  it('buttons carry their command as an Action.Submit and links open their url', () => {
    const reply = textReply('Åtgärd A12 är klar?', {
      buttons: [{ label: 'Klar', command: 'done A12', style: 'primary' }, { label: 'Ta bort', command: 'meeting delete M3', style: 'danger' }],
      links: [{ label: 'Ladda ner', url: 'https://loket.example/d/abc' }],
    });
    const messages = renderTeamsMessages(reply);
    expect(messages).toHaveLength(1);
    expect(actionsOf(cardsOf(messages))).toEqual([
      { type: 'Action.Submit', title: 'Klar', data: { loketCommand: 'done A12' }, style: 'positive' },
      { type: 'Action.Submit', title: 'Ta bort', data: { loketCommand: 'meeting delete M3' }, style: 'destructive' },
      { type: 'Action.OpenUrl', title: 'Ladda ner', url: 'https://loket.example/d/abc' },
    ]);
    expect(messages[0]!.summary).toBe('Åtgärd A12 är klar?');
  });

  it('many buttons are laid out in rows of five', () => {
    const buttons = Array.from({ length: 12 }, (_, i) => ({ label: `K${i}`, command: `join K${i}` }));
    const [card] = cardsOf(renderTeamsMessages(textReply('Välj kluster', { buttons })));
    const rows = card!.body.filter((e) => e.type === 'ActionSet').map((e) => (e.actions as unknown[]).length);
    expect(rows).toEqual([5, 5, 2]);
  });

  it('a reply far larger than one card is split into several cards, each within the limit, losing nothing', () => {
    const items = Array.from({ length: 1500 }, (_, i) => `M${i + 1} Styrgruppsmöte för klustret Rymd med beslut om budget – ”${'å'.repeat(i % 40)}”`);
    const reply: Reply = {
      visibility: 'channel',
      title: 'Möten',
      blocks: [
        { type: 'list', items },
        { type: 'fields', fields: Array.from({ length: 400 }, (_, i) => ({ label: `Fält ${i}`, value: 'x'.repeat(60) })) },
      ],
      buttons: [{ label: 'Fler', command: 'meetings from:2026-01-01' }],
    };
    const messages = renderTeamsMessages(reply);
    const cards = cardsOf(messages);
    expect(cards.length).toBeGreaterThan(3);
    for (const message of messages) expect(utf16Bytes(message)).toBeLessThanOrEqual(MESSAGE_BUDGET_BYTES);
    expect(textsOf(cards).filter((t) => t.startsWith('• '))).toEqual(items.map((i) => `• ${i}`));
    const facts = cards.flatMap((c) => c.body.filter((e) => e.type === 'FactSet').flatMap((e) => e.facts as unknown[]));
    expect(facts).toHaveLength(400);
    expect(actionsOf(cards.slice(0, -1))).toEqual([]);
    expect(actionsOf(cards.slice(-1))).toEqual([{ type: 'Action.Submit', title: 'Fler', data: { loketCommand: 'meetings from:2026-01-01' } }]);
  });

  it('one enormous text line is cut into pieces that all fit and join back to the same text', () => {
    const line = Array.from({ length: 9000 }, (_, i) => `ord${i}`).join(' ');
    const messages = renderTeamsMessages(textReply(line, { links: [{ label: 'Webb', url: 'https://loket.example' }] }));
    const cards = cardsOf(messages);
    expect(cards.length).toBeGreaterThan(1);
    for (const message of messages) expect(utf16Bytes(message)).toBeLessThanOrEqual(MESSAGE_BUDGET_BYTES);
    expect(textsOf(cards).join(' ')).toBe(line);
  });

  it('a long text-only reply becomes several markdown messages within the limit', () => {
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `Rad ${i}: ${'lärdom '.repeat(3)}`.trim());
    const messages = renderTeamsMessages(textReply(paragraphs.join('\n')));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(utf16Bytes(m)).toBeLessThanOrEqual(MESSAGE_BUDGET_BYTES);
    expect(messages.map((m) => m.text).join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('an empty reply still renders as a message rather than failing', () => {
    expect(renderTeamsMessages({ visibility: 'private', blocks: [] })).toEqual([{ type: 'message', text: '', textFormat: 'markdown' }]);
  });

  it('every element in a card is a type Teams knows in schema 1.5', () => {
    const reply: Reply = { visibility: 'private', blocks: [{ type: 'fields', fields: [{ label: 'a', value: 'b' }] }], buttons: [{ label: 'x', command: 'help' }] };
    const known = new Set(['TextBlock', 'FactSet', 'ActionSet', 'Action.Submit', 'Action.OpenUrl']);
    for (const card of cardsOf(renderTeamsMessages(reply))) for (const e of allElements(card)) expect(known).toContain(e.type);
  });
});
