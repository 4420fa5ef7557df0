import { describe, expect, it } from 'vitest';
import { catalogs, placeholdersOf, t, toLanguage } from '../../../handlers/i18n/index.js';
import { commandRegistry } from '../../../handlers/registry.js';

describe('catalogs', () => {
  it('Swedish and English have the same keys', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(catalogs.sv).sort());
  });

  it('every message has the same placeholders in both languages', () => {
    for (const key of Object.keys(catalogs.sv) as (keyof typeof catalogs.sv)[]) {
      expect(placeholdersOf(catalogs.en[key]), key).toEqual(placeholdersOf(catalogs.sv[key]));
    }
  });

  it('no message is empty or left untranslated in English', () => {
    const same = Object.keys(catalogs.sv).filter((k) => {
      const key = k as keyof typeof catalogs.sv;
      // A pure layout template (`{author}{mood}: {fields}`) has no words to translate.
      const words = catalogs.sv[key].replace(/\{[^}]*\}/g, '').replace(/[^\p{L}]/gu, '');
      return catalogs.sv[key] === catalogs.en[key] && catalogs.sv[key].length > 12 && words.length > 0;
    });
    expect(same).toEqual([]);
  });

  it('every command has a summary for help in both languages, and they differ', () => {
    for (const { verb, summary } of commandRegistry.all) {
      expect(summary.sv.length, verb).toBeGreaterThan(0);
      expect(summary.en.length, verb).toBeGreaterThan(0);
      expect(summary.sv, verb).not.toBe(summary.en);
    }
  });

  it('placeholders are filled and unknown ones are left visible', () => {
    expect(t('en', 'join.ok', { cluster: 'Rymd' })).toBe('You are now a member of Rymd.');
    expect(t('sv', 'join.ok')).toBe('Du är nu medlem i {cluster}.');
  });

  it('platform locales map to the two languages', () => {
    expect([toLanguage('sv-SE'), toLanguage('en-US'), toLanguage('fi-FI'), toLanguage(undefined)]).toEqual(['sv', 'en', undefined, undefined]);
  });
});
