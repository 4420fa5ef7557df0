import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { renderBlocks, SLACK_LIMITS } from '../../../bot/slack/render-blocks.js';
import { renderPlainText, type Reply } from '../../../handlers/core/reply.js';

type Block = types.KnownBlock;

const reply = (extra: Partial<Reply>): Reply => ({ visibility: 'private', blocks: [], ...extra });
const sectionTexts = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
const contextText = (blocks: Block[]) => {
  const last = blocks.at(-1);
  return last?.type === 'context' ? (last.elements[0] as { text: string }).text : undefined;
};

/** Every limit Slack enforces on a message, checked on any rendered reply. */
function expectWithinSlackLimits(blocks: Block[]) {
  expect(blocks.length).toBeLessThanOrEqual(50);
  const actionIds: string[] = [];
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.text) expect(block.text.text.trim().length).toBeGreaterThan(0);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(25);
      for (const element of block.elements) {
        const button = element as types.Button;
        expect(button.text.text.length).toBeLessThanOrEqual(75);
        expect(button.text.text.length).toBeGreaterThan(0);
        expect((button.value ?? '').length).toBeLessThanOrEqual(2000);
        actionIds.push(button.action_id ?? '');
      }
    }
  }
  expect(new Set(actionIds).size).toBe(actionIds.length);
}

describe('renderBlocks: limits', () => {
  it('120 list items of 200 characters fit in at most 50 blocks, every item shown and every section ≤ 3 000 characters', () => {
    const items = Array.from({ length: 120 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(196)}`);
    const { blocks } = renderBlocks(reply({ title: 'Åtgärder', blocks: [{ type: 'list', items }] }));
    expectWithinSlackLimits(blocks);
    const shown = sectionTexts(blocks).join('\n');
    for (const item of items) expect(shown).toContain(`• ${item}`);
    expect(contextText(blocks)).toBeUndefined();
  });

  it('a list too long for 50 blocks is cut and ends with a context block that counts the items left out', () => {
    const items = Array.from({ length: 200 }, (_, i) => `item-${i} ${'y'.repeat(2900)}`);
    const { blocks } = renderBlocks(reply({ title: 'Sök', blocks: [{ type: 'list', items }] }));
    expect(blocks).toHaveLength(50);
    expectWithinSlackLimits(blocks);
    const shownItems = sectionTexts(blocks).filter((t) => t.startsWith('• item-')).length;
    expect(contextText(blocks)).toBe(`… (+${200 - shownItems})`);
  });

  it('a title longer than 150 characters becomes a header of 150 characters ending in …', () => {
    const { blocks } = renderBlocks(reply({ title: 'Å'.repeat(400), blocks: [{ type: 'text', text: 'x' }] }));
    const header = blocks[0] as types.HeaderBlock;
    expect(header.type).toBe('header');
    expect(header.text.text).toHaveLength(150);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  it('a text longer than 3 000 characters is split at line breaks into several sections without losing a line', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `Rad ${i}: ${'ord '.repeat(15).trim()}`);
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'text', text: lines.join('\n') }] }));
    expectWithinSlackLimits(blocks);
    expect(blocks.length).toBeGreaterThan(1);
    expect(sectionTexts(blocks).join('\n')).toBe(lines.join('\n'));
  });

  it('a single 10 000-character word is split into sections without losing a character', () => {
    const word = 'ä'.repeat(10_000);
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'text', text: word }] }));
    expectWithinSlackLimits(blocks);
    expect(sectionTexts(blocks).join('')).toBe(word);
  });

  it('a split never cuts an escaped & in half', () => {
    const text = `${'a'.repeat(2998)}&&&&&&`;
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'text', text }] }));
    for (const section of sectionTexts(blocks)) expect(section).not.toMatch(/&(?!amp;)/);
    expect(sectionTexts(blocks).join('')).toBe(`${'a'.repeat(2998)}${'&amp;'.repeat(6)}`);
  });

  it('a button with a blank label and a blank command is left out and counted, never sent with empty text', () => {
    const { blocks } = renderBlocks(reply({ blocks: [], buttons: [{ label: '', command: '\t' }, { label: ' ', command: 'help' }] }));
    expectWithinSlackLimits(blocks);
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? (b as types.ActionsBlock).elements : [])) as types.Button[];
    expect(buttons.map((b) => [b.text.text, b.value])).toEqual([['help', 'help']]);
  });

  it('any reply renders within Slack limits and never throws', () => {
    const text = fc.string({ unit: 'binary', maxLength: 4000 });
    const arbitraryReply = fc.record({
      title: fc.option(text, { nil: undefined }),
      blocks: fc.array(
        fc.oneof(
          fc.record({ type: fc.constant('text' as const), text }),
          fc.record({ type: fc.constant('list' as const), title: fc.option(text, { nil: undefined }), items: fc.array(text, { maxLength: 80 }) }),
          fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: text, value: text }), { maxLength: 25 }) }),
        ),
        { maxLength: 30 },
      ),
      buttons: fc.array(fc.record({ label: text, command: text }), { maxLength: 60 }),
      links: fc.array(fc.record({ label: text, url: fc.webUrl() }), { maxLength: 10 }),
      visibility: fc.constantFrom('private' as const, 'channel' as const),
    });
    fc.assert(
      fc.property(arbitraryReply, (r) => {
        const { text: fallback, blocks } = renderBlocks(r);
        expectWithinSlackLimits(blocks);
        expect(fallback.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
        expect(fallback.length).toBeGreaterThan(0);
      }),
      { numRuns: process.env.LOKET_SLOW ? 2000 : 150 },
    );
  });
});

describe('renderBlocks: content', () => {
  it('&, < and > are escaped in text while `backticks` and user mentions stay as they are', () => {
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'text', text: 'Skriv `cluster add <namn>` & fråga <@U0ANNA0001> – inte <!channel>' }] }));
    expect(sectionTexts(blocks)).toEqual(['Skriv `cluster add &lt;namn&gt;` &amp; fråga <@U0ANNA0001> – inte &lt;!channel&gt;']);
  });

  it('fields render as fields sections of at most 10, label in bold over the value', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `Fält ${i}`, value: `värde ${i}` }));
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'fields', fields }] }));
    const sections = blocks as types.SectionBlock[];
    expect(sections.map((s) => s.fields?.length)).toEqual([10, 10, 3]);
    expect(sections[0]?.fields?.[0]).toEqual({ type: 'mrkdwn', text: '*Fält 0*\nvärde 0' });
  });

  it('a field longer than 2 000 characters turns the fields into a list of sections', () => {
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'fields', fields: [{ label: 'Kort', value: 'a' }, { label: 'Lång', value: 'b '.repeat(1500) }] }] }));
    expectWithinSlackLimits(blocks);
    expect((blocks[0] as types.SectionBlock).fields).toBeUndefined();
    expect(sectionTexts(blocks).join('\n')).toMatch(/^\*Kort:\* a\n\*Lång:\* b b/);
  });

  it('buttons become actions blocks of at most 25, with action ids loket_run_<n>, the command as value and the style', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ label: `Knapp ${i} ${'z'.repeat(100)}`, command: `done A${i + 1}`, style: i === 0 ? ('primary' as const) : undefined }));
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'text', text: 'Öppna åtgärder' }], buttons }));
    expectWithinSlackLimits(blocks);
    const actions = blocks.filter((b): b is types.ActionsBlock => b.type === 'actions');
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    const first = actions[0]?.elements[0] as types.Button;
    expect(first).toMatchObject({ type: 'button', action_id: 'loket_run_0', value: 'done A1', style: 'primary' });
    expect((actions[1]?.elements[4] as types.Button).action_id).toBe('loket_run_29');
    expect(first.text.text).toHaveLength(75);
  });

  it('a button whose command is longer than 2 000 characters is left out and counted', () => {
    const { blocks } = renderBlocks(reply({ blocks: [{ type: 'text', text: 'x' }], buttons: [{ label: 'Kör', command: `note Rymd ${'n'.repeat(2100)}` }] }));
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(contextText(blocks)).toBe('… (+1)');
  });

  it('links become <url|label> sections', () => {
    const { blocks } = renderBlocks(reply({ links: [{ label: 'Export <CSV>', url: 'https://loket.example/d/abc?x=1&y=2' }] }));
    expect(sectionTexts(blocks)).toEqual(['<https://loket.example/d/abc?x=1&amp;y=2|Export &lt;CSV&gt;>']);
  });

  it('the fallback text is the plain text of the reply, escaped and cut to 3 000 characters', () => {
    const short = reply({ title: 'Hej', blocks: [{ type: 'text', text: 'a < b' }] });
    expect(renderBlocks(short).text).toBe(renderPlainText(short).replace('<', '&lt;'));
    const long = reply({ blocks: [{ type: 'text', text: 'ö'.repeat(5000) }] });
    expect(renderBlocks(long).text).toHaveLength(3000);
  });
});
