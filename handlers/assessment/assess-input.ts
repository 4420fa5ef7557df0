// Reads an assessment typed as text. One rule in both languages, whichever language's area words are used:
// - a score is `area:N` (`struktur:3`, `structure:3`), on the first line or on a line of scores;
// - evidence is `area: text` on a line of its own and runs to the end of that line, whatever it holds
//   (`styrning: Ny organisation: tre nivåer` is evidence for governance only);
// - the form sends both on one line, quoted: a score under the area word (`struktur:"3"`) and evidence under
//   the area word with «belägg» or «evidence» joined on (`strukturbelägg:"…"`, `structureevidence:"…"`), so
//   no form field, and no line the console shows for it, uses a score's key for evidence.
// The binder hands the command's words to this reader as free text (the area words are not declared keys of
// `assess`, since each area may come twice); the lines are taken from the command as typed.
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

type OptionToken = Extract<Token, { type: 'option' }>;
type Key = { area: PlanArea; evidence: boolean };

/** What the form calls an area's evidence field in each language: the area word with this joined on. */
const EVIDENCE_SUFFIX: Record<Language, string> = { sv: 'belägg', en: 'evidence' };
const EVIDENCE_KEY = /^(\p{L}+?)(belägg|belagg|evidence)$/u;
const SCORE = /^\d+$/;

/** `struktur`, `structure`, `ledning` → a score's area; `strukturbelägg`, `structureevidence` → evidence. */
function keyOf(key: string): Key | undefined {
  const parsed = planAreaWord.parse(key, false);
  if (parsed.ok) return { area: parsed.value, evidence: false };
  const compound = EVIDENCE_KEY.exec(key.toLowerCase());
  const area = compound ? planAreaWord.parse(compound[1]!, false) : undefined;
  return area?.ok ? { area: area.value, evidence: true } : undefined;
}

/** The form's key for an area's evidence in the reader's language (`strukturbelägg`, `structureevidence`). */
export function evidenceKeyIn(language: Language, area: PlanArea): string {
  return `${areaWordIn(language, area)}${EVIDENCE_SUFFIX[language]}`;
}

/**
 * Reads scores and evidence from `text` (the command's words after the cluster, as the binder joined them)
 * and `raw` (the command as typed, for its line breaks); throws a LoketError naming the first thing wrong.
 */
export function readAssessment(text: string, raw: string, language: Language): AssessmentInput {
  const input: AssessmentInput = { scores: {}, evidence: {} };
  const { first, following } = splitLines(text, raw);
  readScoreTokens(input, first, language);
  let open: { area: PlanArea; lines: string[] } | undefined;
  const closeEvidence = () => {
    if (open) setEvidence(input, open.area, open.lines.join(' ').trim(), language);
    open = undefined;
  };
  for (const line of following) {
    const [head] = tokenize(line);
    const key = head?.type === 'option' ? keyOf(head.key) : undefined;
    if (head?.type === 'option' && !key) throw unknownKey(head, language, line.slice(line.indexOf(':') + 1));
    if (!head || !key) {
      // A line without a key continues the evidence above it (a pasted paragraph); before any, it is stray.
      if (!open) throw new LoketError('assess.words_unexpected', { words: line.slice(0, 80) });
      open.lines.push(line);
      continue;
    }
    closeEvidence();
    const value = line.slice(line.indexOf(':') + 1).trim();
    // `struktur:3 styrning:2 …` on a line of its own is a line of scores, like the first.
    if (!key.evidence && head.type === 'option' && !head.free && !head.quoted && SCORE.test(head.value)) {
      readScoreTokens(input, tokenize(line), language);
      continue;
    }
    open = { area: key.area, lines: [unquoted(value)] };
    if (!key.evidence && SCORE.test(open.lines[0]!)) {
      // `struktur: 3` alone is the score typed with a space, not a line of evidence saying «3».
      setScore(input, key.area, open.lines[0]!, language);
      open = undefined;
    }
  }
  closeEvidence();
  return input;
}

/** The tokens of the first line, and the following lines as typed. The binder joined every line's words;
 *  the words of the lines after the first are the tail of `text`, so the first line's are what is left. */
function splitLines(text: string, raw: string): { first: Token[]; following: string[] } {
  const all = tokenize(text);
  // Blank lines are no lines, as the parser reads them (a message may even start with one).
  const following = raw
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(1);
  const tail = following.flatMap((line) => tokenize(line));
  const cut = all.length - tail.length;
  const same = cut >= 0 && tail.every((token, i) => rawOf(token) === rawOf(all[cut + i]!));
  return same ? { first: all.slice(0, cut), following } : { first: all, following: [] };
}

/** A line of scores: `area:N` each, with evidence typed on the same line (`area: text`) running to the
 *  next area word, and the form's quoted values (`struktur:"3"`, `strukturbelägg:"…"`). */
function readScoreTokens(input: AssessmentInput, line: Token[], language: Language) {
  const tokens = foldFreeText(line, (key) => keyOf(key) !== undefined);
  const stray: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'option') {
      stray.push(rawOf(token));
      continue;
    }
    const key = keyOf(token.key);
    if (!key) throw unknownKey(token, language);
    let value = token.value.trim();
    if (key.evidence && !token.quoted && !token.folded) {
      // `strukturbelägg:14 medlemmar`, as the console's list of the form's fields shows the key: an evidence
      // key's text runs to the next area word, like `struktur: 14 medlemmar`.
      const words: string[] = [value];
      for (let next = tokens[i + 1]; next && !(next.type === 'option' && keyOf(next.key)); next = tokens[i + 1]) {
        words.push(rawOf(next));
        i++;
      }
      value = words.join(' ').trim();
    }
    if (key.evidence) {
      if (value) setEvidence(input, key.area, value, language);
    } else if (!token.folded && !token.quoted) setScore(input, key.area, value, language);
    // The form sends a score as `area:"3"`: a number alone is a score, other text evidence.
    else if (SCORE.test(value)) setScore(input, key.area, value, language);
    else if (value) setEvidence(input, key.area, value, language);
  }
  if (stray.length) throw new LoketError('assess.words_unexpected', { words: stray.join(' ').slice(0, 80) });
}

function unquoted(value: string): string {
  const match = /^["“”](.*)["“”]$/su.exec(value);
  return match ? match[1]!.trim() : value;
}

function setScore(input: AssessmentInput, area: PlanArea, value: string, language: Language) {
  const score = Number(value);
  if (!SCORE.test(value) || score < 1 || score > 5) throw new LoketError('assess.score_invalid', { value, area: areaLabel(language, area) });
  if (input.scores[area] !== undefined) throw new LoketError('assess.area_twice', { area: areaLabel(language, area) });
  input.scores[area] = score;
}

function setEvidence(input: AssessmentInput, area: PlanArea, value: string, language: Language) {
  if (!value) return;
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

/** A key that is no area: the reader's area words, and the nearest area word in the reader's words and the
 *  form the reader used (`struktur:3` for a score, `struktur: text` for evidence). `text` is what followed on
 *  the key's line. */
function unknownKey(token: OptionToken, language: Language, text?: string): LoketError {
  const words = [...planAreaWord.choices!(language), ...planAreaWord.choices!(language === 'sv' ? 'en' : 'sv')];
  const nearest = words.map((w) => ({ w, d: distance(token.key, w) })).sort((a, b) => a.d - b.d)[0];
  const areas = planAreaWord.choices!(language).map((w) => `\`${w}\``).join(', ');
  const error = new LoketError('assess.area_unknown', { key: token.key, areas });
  if (!nearest || nearest.d > Math.max(2, Math.floor(token.key.length / 3))) return error;
  const asScore = !token.free && !token.quoted && SCORE.test(token.value);
  const evidence = (text ?? token.value).trim() || '…';
  // Nearest in either language, suggested in the reader's: `strategyy:2` is `strategi:2` to a Swedish reader.
  const word = planAreaWord.wordIn?.(nearest.w, language) ?? nearest.w;
  return error.withHint('args.key_suggestion', { suggestion: asScore ? `${word}:${token.value}` : `${word}: ${evidence}`.slice(0, 80) });
}
