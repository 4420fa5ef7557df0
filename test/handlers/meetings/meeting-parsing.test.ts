import { describe, expect, it } from 'vitest';
import { shorten, textAfterWords } from '../../../handlers/core/free-text.js';
import { parseKind } from '../../../handlers/meetings/meeting-kinds.js';
import { parseWithPart } from '../../../handlers/meetings/meeting-participants.js';

describe('with: parts', () => {
  it.each([
    ['@anna', { type: 'people', refs: [{ type: 'name', name: 'anna' }] }],
    ['@me', { type: 'people', refs: [{ type: 'me' }] }],
    ['<@U123|Anna Berg>', { type: 'people', refs: [{ type: 'platform', id: 'U123', name: 'Anna Berg' }] }],
    ['@anna @erik', { type: 'people', refs: [{ type: 'name', name: 'anna' }, { type: 'name', name: 'erik' }] }],
    // Slack's plain-text inputs send a display name with a space as typed.
    ['@Anna Berg', { type: 'people', refs: [{ type: 'name', name: 'Anna Berg' }] }],
    ['Karin Ek (LTU)', { type: 'guest', name: 'Karin Ek', organisation: 'LTU' }],
    ['Lars Berg (556677-8899)', { type: 'guest', name: 'Lars Berg', organisation: '556677-8899' }],
    ['Eva Ström', { type: 'guest', name: 'Eva Ström' }],
    ['Eva ()', { type: 'guest', name: 'Eva' }],
  ])('%j', (part, expected) => expect(parseWithPart(part)).toEqual(expected));

  it('an empty part is nothing', () => expect(parseWithPart('  ')).toBeUndefined());
});

describe('kinds', () => {
  it.each([
    ['kluster', 'cluster'],
    ['Nätverk', 'network'],
    ['styrgrupp', 'board'],
    ['studieresa', 'study-trip'],
    ['study trip', 'study-trip'],
    ['studytrip', 'study-trip'],
    ['workshop', 'workshop'],
    ['utbildning', 'training'],
    ['medlemsmöte', 'member'],
    ['extern', 'external'],
    ['external', 'external'],
  ])('%s is %s', (typed, kind) => expect(parseKind(typed)).toBe(kind));

  it('an unknown word is no kind', () => expect(parseKind('fika')).toBeUndefined());
});

describe('free text', () => {
  it('keeps what follows the given number of words as typed, line breaks and quotes included', () => {
    expect(textAfterWords('note Rymd Kontakt: "Anna" på IRF\nrad två', 2)).toBe('Kontakt: "Anna" på IRF\nrad två');
    expect(textAfterWords('loket note "Swedish Space Cluster"  ESA-kontakt', 2)).toBe('ESA-kontakt');
    expect(textAfterWords('/loket done A3', 2)).toBe('');
    expect(textAfterWords('search "två möten" -luleå', 1)).toBe('"två möten" -luleå');
  });

  it('shortens long text at a word with an ellipsis and leaves short text alone', () => {
    expect(shorten('kort  text\nhär')).toBe('kort text här');
    const cut = shorten('ord '.repeat(200), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('ord…')).toBe(true);
  });
});
