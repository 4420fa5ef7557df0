// Cluster self-assessment over time and short evaluations after meetings (issue 23), declared once each
// (docs/architecture.md "Commands").
import { cluster, id, integer, text } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { assess } from './assess.js';
import { assessExample } from './assess-examples.js';
import { assessLevels } from './assess-levels.js';
import { assessShow } from './assess-show.js';
import { evaluateExample, rateExample } from './meeting-examples.js';
import { planAreaWord } from '../plans/plan-areas.js';
import { evaluate } from './evaluate.js';
import { rate } from './rate.js';

export const assessmentCommands = [
  defineCommand({
    verb: 'assess',
    aliases: ['självskatta', 'skatta', 'självskattning'],
    group: 'plans',
    summary: { sv: 'skattar klustret 1–5 i utvecklingsplanens sju områden, med belägg (utan poäng: ett formulär)', en: "scores the cluster 1–5 in the development plan's seven areas, with evidence (without scores: a form)" },
    // The area words are read by the handler (assess-input.ts): each area may come twice, as a score and
    // as evidence, which declared keys cannot.
    args: { cluster: positional.optional(cluster()), scores: positional.optionalRest(text('poäng', 'scores')) },
    // Narrowed by the handler to the cluster's own leaders and deputies.
    roles: ['manager', 'leader', 'deputy'],
    example: assessExample,
    handler: assess,
  }),
  defineCommand({
    verb: 'assess show',
    aliases: ['självskatta visa', 'skatta visa', 'självskattning visa'],
    group: 'plans',
    summary: { sv: 'visar klustrets senaste självskattning bredvid förra och första, och vad som förbättrats', en: "shows a cluster's latest self-assessment beside the previous and the first, and what improved" },
    args: { cluster: positional.optionalRest(cluster()) },
    roles: 'everyone',
    example: 'assess show Rymd',
    handler: assessShow,
  }),
  defineCommand({
    verb: 'assess levels',
    aliases: ['självskatta nivåer', 'skatta nivåer', 'självskattning nivåer'],
    group: 'plans',
    summary: { sv: 'vad varje poäng 1–5 betyder i ett område av självskattningen', en: 'what each score 1–5 means in an area of the self-assessment' },
    args: { area: positional.optional(planAreaWord) },
    roles: 'everyone',
    example: { sv: 'assess levels finansiering', en: 'assess levels financing' },
    handler: assessLevels,
  }),
  defineCommand({
    verb: 'evaluate',
    aliases: ['utvärdera', 'utvardera'],
    group: 'meetings',
    summary: { sv: 'ber mötets deltagare betygsätta det privat: användbarhet 1–5 och vad de tar med sig', en: 'asks the meeting’s participants privately to rate it: usefulness 1–5 and what they will use' },
    args: { meeting: positional.required(id('M')) },
    // Narrowed by the handler to the meeting's author or a project manager.
    roles: 'everyone',
    who: { sv: 'den som loggade mötet, projektledare', en: 'whoever logged the meeting, project manager' },
    example: evaluateExample,
    handler: evaluate,
  }),
  defineCommand({
    verb: 'rate',
    aliases: ['betygsätt', 'betygsatt', 'betyg'],
    group: 'meetings',
    summary: { sv: 'svarar på en utvärdering av ett möte: 1–5 och vad du tar med dig (ändras inom 14 dagar)', en: 'answers an evaluation of a meeting: 1–5 and what you will use (changeable for 14 days)' },
    args: {
      meeting: positional.required(id('M')),
      // A word, not a number: `rate M12 Nya kontakter` changes only the comment (rate.ts reads the score).
      score: positional.optional(text('betyg', 'score')),
      comment: positional.optionalRest(text('kommentar', 'comment')),
      // What the answer form sends.
      scoreKey: option('score', ['betyg'], integer(1, 5, 'betyg', 'score')),
      commentKey: option('comment', ['kommentar'], text('kommentar', 'comment')),
    },
    // Narrowed by the handler to the people who were asked.
    roles: 'everyone',
    who: { sv: 'de deltagare som fått frågan', en: 'the participants who were asked' },
    example: rateExample,
    handler: rate,
  }),
];
