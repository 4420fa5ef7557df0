import { describe, expect, it } from 'vitest';
import { catalogs, list, placeholdersOf, t } from '../../../handlers/i18n/index.js';

describe('plural forms and lists in the catalogs', () => {
  it('a count of one reads in the singular and other counts in the plural, in both languages', () => {
    expect(t('sv', 'cluster.list_item', { cluster: 'Rymd', sector: 'rymd', leader: 'Anna', deputies: '', members: 1 })).toBe('Rymd – rymd – ledare: Anna – 1 medlem');
    expect(t('sv', 'cluster.list_item', { cluster: 'Rymd', sector: 'rymd', leader: 'Anna', deputies: '', members: 3 })).toBe('Rymd – rymd – ledare: Anna – 3 medlemmar');
    expect(t('en', 'cluster.list_item', { cluster: 'Rymd', sector: 'space', leader: 'Anna', deputies: '', members: 1 })).toBe('Rymd – space – leader: Anna – 1 member');
    expect(t('sv', 'archive.generated', { date: '2026-12-06', meetings: 1 })).toContain('1 möte ·');
    expect(t('en', 'status.org_split_value', { reached: 4, companies: 1, others: 1, participated: 2 })).toBe('4 reached (1 company, 1 other), 2 took part in at least one activity');
  });

  it('a cluster that posted this week is not called silent for 0 weeks', () => {
    expect(t('sv', 'status.last_week_value', { week: '2026-W49', weeks: 0 })).toBe('2026-W49');
    expect(t('sv', 'status.last_week_value', { week: '2026-W47', weeks: 1 })).toBe('2026-W47 (tyst i 1 vecka sedan dess)');
    expect(t('en', 'status.last_week_value', { week: '2026-W45', weeks: 3 })).toBe('2026-W45 (silent for 3 weeks since)');
  });

  it('no catalog writes a number before a plural noun by hand', () => {
    const handWritten = /\{\w+\} (medlemmar|möten|veckor|dagar|members|meetings|weeks|days|others|companies|rader|rows|minuter|minutes)\b/;
    const offenders = (['sv', 'en'] as const).flatMap((lang) =>
      Object.entries(catalogs[lang]).filter(([, text]) => handWritten.test(text)).map(([key]) => `${lang}:${key}`),
    );
    expect(offenders).toEqual([]);
  });

  it('a plural counts as its one placeholder when sv and en are compared', () => {
    expect(placeholdersOf('{n, plural, one {# möte i {cluster}} other {# möten}}')).toEqual(['cluster', 'n']);
    expect(placeholdersOf('{n} meetings in {cluster}, {n}')).toEqual(['cluster', 'n']);
  });

  it('lists of names are joined the way each language joins them', () => {
    expect(list('sv', ['Anna', 'Lina', 'Sara'])).toBe('Anna, Lina och Sara');
    expect(list('en', ['Anna', 'Lina', 'Sara'])).toBe('Anna, Lina, and Sara');
    expect(list('sv', ['Anna'])).toBe('Anna');
  });
});
