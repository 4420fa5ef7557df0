import { meetingKinds, type MeetingKind } from '../../db/schema/index.js';
import type { Language } from '../core/incoming.js';
import { t } from '../i18n/index.js';

// Swedish words a leader types (and the English machine names, and their unhyphenated forms) → the kind.
const ALIASES: ReadonlyMap<string, MeetingKind> = new Map([
  ...meetingKinds.map((kind) => [kind, kind] as const),
  ['kluster', 'cluster'], ['klustermöte', 'cluster'],
  ['nätverk', 'network'], ['natverk', 'network'], ['nätverksmöte', 'network'], ['ledarnätverk', 'network'],
  ['styrgrupp', 'board'], ['advisory', 'board'], ['rådgivande', 'board'], ['referensgrupp', 'board'],
  ['studieresa', 'study-trip'], ['studytrip', 'study-trip'], ['study', 'study-trip'],
  ['utbildning', 'training'],
  ['medlemsmöte', 'member'], ['medlem', 'member'], ['members', 'member'],
  ['extern', 'external'], ['externt', 'external'],
]);

export function parseKind(input: string): MeetingKind | undefined {
  return ALIASES.get(input.trim().toLowerCase().replace(/\s+/g, '-')) ?? ALIASES.get(input.trim().toLowerCase().replace(/[\s-]+/g, ''));
}

export function kindLabel(language: Language, kind: MeetingKind): string {
  return t(language, `meeting.kind.${kind}`);
}

export function kindOptions(language: Language): { value: string; label: string }[] {
  return meetingKinds.map((kind) => ({ value: kind, label: kindLabel(language, kind) }));
}
