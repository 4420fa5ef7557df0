import { meetingKinds, type MeetingKind } from '../../db/schema/index.js';
import { enumOf, type EnumWords } from '../core/arg-types.js';
import type { Language } from '../core/incoming.js';
import type { ArgType } from '../core/spec.js';
import { t } from '../i18n/index.js';

// Swedish words a leader types (and other spellings) for each kind; the English machine name is accepted too.
// The first Swedish word is the one help and refusals show.
const KIND_WORDS: EnumWords<MeetingKind> = {
  cluster: { sv: ['kluster', 'klustermöte'] },
  network: { sv: ['nätverk', 'nätverksmöte', 'ledarnätverk'], also: ['natverk'] },
  board: { sv: ['styrgrupp', 'rådgivande', 'referensgrupp'], also: ['advisory'] },
  'study-trip': { sv: ['studieresa'], also: ['studytrip', 'study'] },
  workshop: { sv: ['workshop'] },
  training: { sv: ['utbildning'] },
  member: { sv: ['medlemsmöte', 'medlem'], also: ['members'] },
  external: { sv: ['extern', 'externt'] },
};

const ALIASES: ReadonlyMap<string, MeetingKind> = new Map(
  (Object.entries(KIND_WORDS) as [MeetingKind, EnumWords<MeetingKind>[MeetingKind]][]).flatMap(([kind, w]) =>
    [kind, ...w.sv, ...(w.also ?? [])].map((word) => [word, kind] as const),
  ),
);

export function parseKind(input: string): MeetingKind | undefined {
  return ALIASES.get(input.trim().toLowerCase().replace(/\s+/g, '-')) ?? ALIASES.get(input.trim().toLowerCase().replace(/[\s-]+/g, ''));
}

const kindEnum = enumOf(KIND_WORDS, 'typ', 'kind');

/** `kind:` of a meeting, in Swedish or English (`study trip`, `studytrip` too); a refusal lists the kinds
 *  in the reader's language. */
export const meetingKind: ArgType<MeetingKind> = {
  ...kindEnum,
  parse: (value) => {
    const kind = parseKind(value);
    // `kinds` names a catalog entry, so the refusal lists the words of the user's own language.
    return kind ? { ok: true, value: kind } : { ok: false, problem: { code: 'meeting.kind_invalid', params: { kind: value.trim(), kinds: 'meeting.kind_choices' } } };
  },
};

export function kindLabel(language: Language, kind: MeetingKind): string {
  return t(language, `meeting.kind.${kind}`);
}

export function kindOptions(language: Language): { value: string; label: string }[] {
  return meetingKinds.map((kind) => ({ value: kind, label: kindLabel(language, kind) }));
}
