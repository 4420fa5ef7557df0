import type { Language } from '../core/incoming.js';
import { en } from './en.js';
import { sv, type MessageKey } from './sv.js';

export type { MessageKey };
export const catalogs: Record<Language, Record<MessageKey, string>> = { sv, en };

export type Params = Record<string, string | number>;

/** A typed catalog instead of an i18n library: two languages, compile-time checked keys, and a test
 *  that both catalogs carry the same placeholders cover what LOKET needs. */
export function t(language: Language, key: MessageKey, params: Params = {}): string {
  const template = catalogs[language][key] ?? catalogs.sv[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

export function toLanguage(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const lower = locale.toLowerCase();
  if (lower.startsWith('sv')) return 'sv';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}
