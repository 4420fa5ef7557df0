// Reads an assessment typed as text: `struktur:3 styrning:2 …` scores, and evidence as `area: text` on
// lines of their own (or `area:"text"`, which is how the form sends it). The binder hands the whole run to
// this reader as free text (the area words are not declared keys of `assess`, since each area appears
// twice, once with a score and once with evidence); here each area word is read in either language.
import { distance } from 'fastest-levenshtein';
import { planAreas, type PlanArea } from '../../db/schema/index.js';
import { characterCount } from '../core/arg-types.js';
import type { Token } from '../core/command.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import { foldFreeText, rawOf, tokenize } from '../core/parse.js';
import { list } from '../i18n/index.js';
import { areaLabel, planAreaWord } from '../plans/plan-areas.js';

export const EVIDENCE_MAX = 300;

export interface AssessmentInput {
  scores: Partial<Record<PlanArea, number>>;
  evidence: Partial<Record<PlanArea, string>>;
}

const areaOf = (key: string): PlanArea | undefined => {
  const parsed = planAreaWord.parse(key, false);
  return parsed.ok ? parsed.value : undefined;
};

/** Reads scores and evidence; throws a LoketError naming the first thing that is wrong. */
export function readAssessment(text: string, language: Language): AssessmentInput {
  const input: AssessmentInput = { scores: {}, evidence: {} };
  // Free text after `area: ` runs to the next area word, as `key: text` does for declared keys.
  const tokens = foldFreeText(tokenize(text.replace(/\n/g, ' ')), (key) => areaOf(key) !== undefined);
  const stray: string[] = [];
  for (const token of tokens) {
    if (token.type !== 'option') {
      stray.push(rawOf(token));
      continue;
    }
    const area = areaOf(token.key);
    if (!area) throw unknownArea(token, language);
    const value = token.value.trim();
    if (!token.folded && !token.quoted) setScore(input, area, value, language);
    else if (value) setEvidence(input, area, value, language);
  }
  if (stray.length) throw new LoketError('assess.words_unexpected', { words: stray.join(' ').slice(0, 80) });
  return input;
}

function setScore(input: AssessmentInput, area: PlanArea, value: string, language: Language) {
  const score = Number(value);
  if (!/^\d+$/.test(value) || score < 1 || score > 5) throw new LoketError('assess.score_invalid', { value, area: areaLabel(language, area) });
  if (input.scores[area] !== undefined) throw new LoketError('assess.area_twice', { area: areaLabel(language, area) });
  input.scores[area] = score;
}

function setEvidence(input: AssessmentInput, area: PlanArea, value: string, language: Language) {
  // The form sends a score as `area:"3"`: a quoted number alone is a score, not evidence.
  if (/^\d+$/.test(value)) return setScore(input, area, value, language);
  if (input.evidence[area] !== undefined) throw new LoketError('assess.evidence_twice', { area: areaLabel(language, area) });
  const length = characterCount(value);
  if (length > EVIDENCE_MAX) throw new LoketError('assess.evidence_too_long', { area: areaLabel(language, area), length, max: EVIDENCE_MAX });
  input.evidence[area] = value;
}

/** The scores of all seven areas, or a refusal naming those missing. */
export function completeScores(input: AssessmentInput, language: Language): Record<PlanArea, number> {
  const missing = planAreas.filter((area) => input.scores[area] === undefined);
  if (missing.length) throw new LoketError('assess.areas_missing', { count: missing.length, areas: list(language, missing.map((a) => areaWordIn(language, a))) });
  return input.scores as Record<PlanArea, number>;
}

/** The word a reader types for an area (`finansiering`, `financing`). */
export function areaWordIn(language: Language, area: PlanArea): string {
  return planAreaWord.choices!(language)[planAreas.indexOf(area)]!;
}

function unknownArea(token: Extract<Token, { type: 'option' }>, language: Language): LoketError {
  const words = [...planAreaWord.choices!('sv'), ...planAreaWord.choices!('en')];
  const nearest = words.map((w) => ({ w, d: distance(token.key, w) })).sort((a, b) => a.d - b.d)[0];
  const areas = planAreaWord.choices!(language).map((w) => `\`${w}\``).join(', ');
  const error = new LoketError('assess.area_unknown', { key: token.key, areas });
  if (nearest && nearest.d <= Math.max(2, Math.floor(token.key.length / 3))) error.withHint('args.key_suggestion', { suggestion: `${nearest.w}:${token.value}` });
  return error;
}
