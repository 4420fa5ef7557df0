import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '../core/incoming.js';
import { en } from './en.js';
import { sv, type MessageKey } from './sv.js';

export type { MessageKey };
export const catalogs: Record<Language, Record<MessageKey, string>> = { sv, en };

export type Params = Record<string, string | number>;

/** A template that uses ICU MessageFormat's plural or select, e.g. `{count, plural, one {# möte} other {# möten}}`. */
const icu = /\{\s*\w+\s*,\s*(?:plural|selectordinal|select)\s*,/;
const compiled = new Map<string, IntlMessageFormat>();

function formatter(language: Language, template: string): IntlMessageFormat {
  const cacheKey = `${language}\u0000${template}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    // ignoreTag: catalog text is plain text, `<kod>` is not markup.
    format = new IntlMessageFormat(template, language, undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
  }
  return format;
}

/** A typed catalog: two languages, compile-time checked keys, and a test that both catalogs carry the same
 *  placeholders. Plain `{name}` templates are filled directly (an unknown placeholder stays visible); a
 *  template with a plural or select is ICU MessageFormat, formatted by FormatJS's intl-messageformat on Node's
 *  ICU (`Intl.PluralRules`), so no catalog writes «1 medlemmar». Lists of names go through `list()`. */
export function t(language: Language, key: MessageKey, params: Params = {}): string {
  const template = catalogs[language][key] ?? catalogs.sv[key];
  if (icu.test(template)) {
    try {
      return String(formatter(language, template).format(params));
    } catch {
      // A missing value: fall through and leave the placeholders visible, as for a plain template.
    }
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** «a, b och c» / "a, b and c": a list of names or things in the reader's language. */
export function list(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };

function argumentsOf(elements: Element[], into: Set<string>): void {
  for (const element of elements) {
    // Literal (0) and `#` (7) carry no name; every other element names its argument in `value`.
    if (element.type !== 0 && element.type !== 7 && typeof element.value === 'string') into.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsOf(option.value, into);
  }
}

/** The names a template fills, once each and sorted; a plural's branches count as its one placeholder. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  if (icu.test(template)) argumentsOf(formatter('sv', template).getAst() as Element[], names);
  else for (const m of template.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names].sort();
}

export function toLanguage(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const lower = locale.toLowerCase();
  if (lower.startsWith('sv')) return 'sv';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}
