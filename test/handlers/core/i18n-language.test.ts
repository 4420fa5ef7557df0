// Every catalog key rendered in both languages (with sample values) must not carry the other language's
// common words (issue 20: «båda om …» for English readers, «Välj leader, deputy eller member» for Swedish).
// Commands and examples in backticks and placeholders are left out; the allow-list names the few keys that
// quote the other language on purpose.
import { describe, expect, it } from 'vitest';
import { catalogs, placeholdersOf, t, type MessageKey } from '../../../handlers/i18n/index.js';
import { englishWords, swedishWords, wordsOutsideCode as words } from '../../support/language-words.js';

/** Keys that quote the other language on purpose: search's stop words are Swedish words in any reply. */
const quotesTheOtherLanguage = new Set<MessageKey>(['search.no_terms']);

describe('every reply key reads in one language', () => {
  it('no English text carries common Swedish words, and no Swedish text common English words', () => {
    const offenders: string[] = [];
    for (const key of Object.keys(catalogs.sv) as MessageKey[]) {
      if (quotesTheOtherLanguage.has(key)) continue;
      const sample = Object.fromEntries(placeholdersOf(catalogs.sv[key]).map((name) => [name, 2]));
      const inEnglish = words(t('en', key, sample)).filter((w) => swedishWords.includes(w));
      const inSwedish = words(t('sv', key, sample)).filter((w) => englishWords.includes(w));
      if (inEnglish.length) offenders.push(`en:${key}: ${inEnglish.join(', ')}`);
      if (inSwedish.length) offenders.push(`sv:${key}: ${inSwedish.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
