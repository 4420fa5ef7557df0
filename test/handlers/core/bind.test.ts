import { describe, expect, it } from 'vitest';
import { clusters, date, enumOf, id, integer, participants, person, text } from '../../../handlers/core/arg-types.js';
import { bind } from '../../../handlers/core/bind.js';
import { LoketError } from '../../../handlers/core/errors.js';
import { parseMessage } from '../../../handlers/core/parse.js';
import { createRegistry } from '../../../handlers/core/registry.js';
import { defineCommand, mentions, option, positional, type CommandSpec } from '../../../handlers/core/spec.js';
import { textReply } from '../../../handlers/core/reply.js';

const handler = async () => textReply('ok');
const meeting = defineCommand({
  verb: 'meeting',
  aliases: ['möte'],
  group: 'meetings',
  summary: { sv: 'loggar ett möte', en: 'logs a meeting' },
  args: {
    title: positional.optionalRest(text()),
    date: option('date', ['datum'], date()),
    clusters: option('cluster', ['kluster'], clusters()),
    kind: option('kind', ['typ'], enumOf({ workshop: { sv: ['workshop'] }, board: { sv: ['styrgrupp'] } }, 'typ', 'kind')),
    with: option('with', ['med'], participants()),
    people: mentions(),
  },
  lines: ['decision', 'action', 'note'],
  roles: 'everyone',
  example: { sv: 'möte "Styrgrupp mars" datum:2026-03-02', en: 'meeting "Board March" date:2026-03-02' },
  handler,
});
const note = defineCommand({
  verb: 'note',
  aliases: [],
  group: 'meetings',
  summary: { sv: 'en anteckning', en: 'a note' },
  args: { cluster: positional.required(text()), text: positional.rest(text()) },
  roles: 'everyone',
  example: 'note Rymd Testbädden bokas via IRF.',
  handler,
});
const done = defineCommand({
  verb: 'done',
  aliases: [],
  group: 'meetings',
  summary: { sv: 'klar', en: 'done' },
  args: { action: positional.required(id('A')), weeks: option('weeks', ['veckor'], integer(1, 52)), owner: option('owner', ['ägare'], person()) },
  roles: 'everyone',
  example: 'done A34',
  handler,
});

function read(spec: CommandSpec, text: string, language: 'sv' | 'en' = 'sv') {
  const registry = createRegistry([spec]);
  const resolved = registry.resolve(parseMessage(text), text);
  if (resolved.kind !== 'verb') throw new Error(`not a verb: ${text}`);
  return bind(resolved.spec, resolved.command, language);
}

function refusal(spec: CommandSpec, text: string, language: 'sv' | 'en' = 'sv'): LoketError {
  try {
    read(spec, text, language);
  } catch (error) {
    if (error instanceof LoketError) return error;
    throw error;
  }
  throw new Error(`not refused: ${text}`);
}

describe('the binder reads a message against its command', () => {
  it('a list of clusters takes quoted items, and the title keeps only its own words', () => {
    const { args } = read(meeting, 'meeting Workshop satellitdata för skogen cluster:"Swedish Space Cluster",Norrskog');
    expect(args).toMatchObject({ title: 'Workshop satellitdata för skogen', clusters: ['Swedish Space Cluster', 'Norrskog'] });
  });

  it('participants are people and named guests with their organisation', () => {
    const { args } = read(meeting, 'meeting Träff with:@anna,"Per Nilsson (Norrbotten Space AB)"');
    expect(args.with).toEqual([
      { type: 'person', ref: { type: 'name', name: 'anna' } },
      { type: 'guest', guest: { name: 'Per Nilsson', organisation: 'Norrbotten Space AB' } },
    ]);
    expect(args.title).toBe('Träff');
  });

  it('the whole list in one pair of quotes still works', () => {
    const { args } = read(meeting, 'meeting Träff with:"@anna, Karin Ek (LTU)"');
    expect(args.with).toEqual([
      { type: 'person', ref: { type: 'name', name: 'anna' } },
      { type: 'guest', guest: { name: 'Karin Ek', organisation: 'LTU' } },
    ]);
  });

  it('Swedish keys and enum words give the same values as English ones', () => {
    const { args, command } = read(meeting, 'möte "Svenska fält" datum:2026-12-02 kluster:Norrskog typ:styrgrupp');
    expect(args).toMatchObject({ title: 'Svenska fält', date: '2026-12-02', clusters: ['Norrskog'], kind: 'board' });
    expect(command.args.filter((t) => t.type === 'option').map((t) => t.type === 'option' && t.key)).toEqual(['date', 'cluster', 'kind']);
  });

  it('a word: that is no key of the command stays text, as typed', () => {
    const { args } = read(note, 'note Rymd R&D-möte: budget > 2 MSEK, se https://www.esa.int');
    expect(args).toEqual({ cluster: 'Rymd', text: 'R&D-möte: budget > 2 MSEK, se https://www.esa.int' });
  });

  it('people mentioned outside an option are collected, not glued into the title', () => {
    const { args } = read(meeting, 'meeting Workshop @anna @per');
    expect(args.title).toBe('Workshop');
    expect(args.people).toEqual([{ type: 'name', name: 'anna' }, { type: 'name', name: 'per' }]);
  });

  it('words left after a one-word value are refused with the quoted form to use', () => {
    const error = refusal(meeting, 'meeting Workshop with:Karin Ek');
    expect(error.code).toBe('args.leftover');
    expect(error.params.words).toBe('”Ek”');
    expect(error.hint).toEqual({ code: 'args.key_suggestion', params: { suggestion: 'med:"Karin Ek"' } });
  });

  it('words after a date are refused without a suggestion, since a date takes no words', () => {
    const error = refusal(meeting, 'meeting Styrgrupp date:2026-03-02 mars');
    expect(error.code).toBe('args.leftover');
    expect(error.hint).toBeUndefined();
  });

  it('a key within one or two edits of a declared one is refused with the one it most likely meant', () => {
    const error = refusal(meeting, 'meeting Workshop dattum:2026-03-02');
    expect(error.code).toBe('args.unknown_key');
    expect(error.hint?.params.suggestion).toBe('datum:2026-03-02');
  });

  it('a suggested key is written in the reader\'s words, whichever language the typo was near', () => {
    expect(refusal(meeting, 'meeting Workshop dattum:2026-03-02', 'en').hint?.params.suggestion).toBe('date:2026-03-02');
    expect(refusal(meeting, 'meeting Workshop datee:2026-03-02').hint?.params.suggestion).toBe('datum:2026-03-02');
    expect(refusal(meeting, 'meeting Workshop med:Karin Ek', 'en').hint?.params.suggestion).toBe('with:"Karin Ek"');
  });

  it('a mistyped key inside free text is caught too, rather than stored as part of the text', () => {
    const error = refusal(meeting, 'meeting with: @anna dattum:2026-03-02');
    expect(error.hint?.params.suggestion).toBe('datum:2026-03-02');
  });

  it('a key given twice is refused, and two spellings of one key are named as meaning the same', () => {
    expect(refusal(meeting, 'meeting X datum:2026-03-02 datum:2026-03-03').code).toBe('args.duplicate_key');
    const spelled = refusal(meeting, 'meeting X date:2026-03-02 datum:2026-03-03');
    expect(spelled.code).toBe('args.duplicate_key_spelled');
    expect(spelled.params).toEqual({ first: 'date:', key: 'datum:' });
  });

  it('a value of the wrong type is refused with what is accepted', () => {
    expect(refusal(meeting, 'meeting X date:2026-02-30').code).toBe('date.invalid');
    const kind = refusal(meeting, 'meeting X kind:party');
    expect(kind.code).toBe('args.enum_invalid');
    expect(kind.params.choices).toBe('`workshop`, `styrgrupp`');
    expect(refusal(done, 'done M12').code).toBe('args.id_invalid');
    expect(refusal(done, 'done A1 weeks:53').code).toBe('args.integer_invalid');
    expect(refusal(done, 'done A1 owner:anna').code).toBe('args.person_invalid');
  });

  it('a command without free text refuses words it has no place for, and keys it does not know', () => {
    expect(refusal(done, 'done A1 bokad').code).toBe('args.leftover');
    expect(refusal(done, 'done A1 kl:14').code).toBe('args.unknown_key');
  });

  it('a missing required value is named', () => {
    const error = refusal(note, 'note');
    expect(error.code).toBe('args.missing');
  });

  it('lines belong only to commands that read them', () => {
    expect(read(meeting, 'meeting X\ndecision: go\naction: @anna ring senast:2026-03-20').command.lines[1]!.tokens.some((t) => t.type === 'option' && t.key === 'due')).toBe(true);
    expect(refusal(note, 'note Rymd text\ndecision: go').code).toBe('args.lines_not_expected');
  });

  it('free text after `key: ` runs to the next key the command declares', () => {
    const { args } = read(meeting, 'meeting with: @anna, Karin Ek (LTU) date:2026-03-02');
    expect(args.date).toBe('2026-03-02');
    expect(args.with).toHaveLength(2);
  });
});
