// How a command is written, derived from its declaration (handlers/core/spec.ts) in the reader's language:
// `cluster add <namn> sektor:<sektor>` for a Swedish reader, `cluster add <name> sector:<sector>` in English.
import type { Language } from './incoming.js';
import { verbIn, type CommandSpec, type OptionSlot, type PositionalSlot } from './spec.js';

const LINE_WORDS: Record<Language, Record<string, string>> = {
  sv: { decision: 'beslut: …', action: 'åtgärd: @person … senast:ÅÅÅÅ-MM-DD', note: 'anteckning: …' },
  en: { decision: 'decision: …', action: 'action: @person … due:YYYY-MM-DD', note: 'note: …' },
};

function valueOf(slot: PositionalSlot | OptionSlot, language: Language): string {
  const choices = slot.type.choices?.(language);
  if (choices) return choices.join('|');
  // A person is written as one: `@person`, not `<@person>`.
  return slot.type.name === 'person' ? slot.type.placeholder[language] : `<${slot.type.placeholder[language]}>`;
}

export function keyIn(slot: OptionSlot, language: Language): string {
  return language === 'sv' ? (slot.keys.sv[0] ?? slot.keys.en) : slot.keys.en;
}

export function usageOf(spec: CommandSpec, language: Language): string {
  const parts = [verbIn(spec, language)];
  for (const slot of Object.values(spec.args)) {
    if (slot.kind === 'mentions') continue;
    const value = valueOf(slot, language);
    const written = slot.kind === 'option' ? `${keyIn(slot, language)}:${value}` : value;
    parts.push(slot.required ? written : `[${written}]`);
  }
  for (const kind of spec.lines ?? []) parts.push(`+ ${LINE_WORDS[language][kind]}`);
  return parts.join(' ');
}

/** Every key with its words in both languages, the reader's first (`datum|date`, `date|datum`), since both
 *  are accepted. */
export function keysOf(spec: CommandSpec, language: Language): string {
  const options = Object.values(spec.args).filter((s): s is OptionSlot => s.kind === 'option');
  return options.map((s) => [...new Set(language === 'sv' ? [...s.keys.sv, s.keys.en] : [s.keys.en, ...s.keys.sv])].join('|')).join(', ');
}
