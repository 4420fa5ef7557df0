// The weekly rhythm (issue 5): progress notes, absences and digest subscriptions (docs/architecture.md
// "Commands"): each command declared once.
import type { Mood } from '../../db/schema/index.js';
import type { Language } from '../core/incoming.js';
import { cluster, date, enumOf, integer, text, time } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import type { WEEKDAYS } from '../core/weeks.js';
import { away } from './away.js';
import { digestHere, digestOff, digestPreview } from './digest-subscribe.js';
import { progress } from './progress.js';
import { progressMissing, progressShow } from './progress-views.js';

/** How the week went, in English and Swedish (also without the dots, as phones sometimes send it). */
export const moodWord = enumOf<Mood>({ green: { sv: ['grön'], also: ['gron'] }, yellow: { sv: ['gul'] }, red: { sv: ['röd'], also: ['rod'] } }, 'läge', 'mood');

/** The digest's weekday: the short and long names in English and Swedish, as `parseWeekday` took them. */
export const weekdayWord = enumOf<(typeof WEEKDAYS)[number]>(
  {
    mon: { sv: ['mån', 'måndag'], also: ['monday', 'man', 'mandag'] },
    tue: { sv: ['tis', 'tisdag'], also: ['tuesday', 'tues'] },
    wed: { sv: ['ons', 'onsdag'], also: ['wednesday'] },
    thu: { sv: ['tor', 'torsdag'], also: ['thursday', 'thur', 'thurs', 'tors'] },
    fri: { sv: ['fre', 'fredag'], also: ['friday'] },
    sat: { sv: ['lör', 'lördag'], also: ['saturday', 'lor', 'lordag'] },
    sun: { sv: ['sön', 'söndag'], also: ['sunday', 'son', 'sondag'] },
  },
  'dag',
  'day',
);

/** The digest's language; locale spellings (`sv-SE`, `en-GB`) as `toLanguage` took them. */
export const digestLanguageWord = enumOf<Language>(
  { sv: { sv: ['svenska'], also: ['swedish', 'sv-se', 'sv-fi'] }, en: { sv: ['engelska'], also: ['english', 'en-gb', 'en-us'] } },
  'språk',
  'language',
);

export const weeklyCommands = [
  defineCommand({
    verb: 'progress',
    aliases: ['veckorapport', 'läge', 'lage', 'framsteg'],
    group: 'weekly',
    summary: {
      sv: 'veckans lägesrapport för ditt kluster, en per skribent, kluster och vecka (skriv igen för att ändra din); utan text öppnas ett formulär',
      en: "this week's progress note for your cluster, one per writer, cluster and week (post again to change yours); without text it opens a form",
    },
    // Every field is optional here: with none of them the handler opens the form.
    args: {
      cluster: option('cluster', ['kluster'], cluster()),
      done: option('done', ['gjort', 'klart'], text('gjort', 'done')),
      next: option('next', ['nästa', 'nasta'], text('nästa', 'next')),
      blockers: option('blockers', ['hinder'], text('hinder', 'blockers')),
      need: option('need', ['behov'], text('behov', 'need')),
      mood: option('mood', ['humör', 'humor', 'läge'], moodWord),
    },
    // A note is written by the cluster's leader or deputy (the handler checks that cluster) or a PM writing
    // on a leader's behalf.
    roles: ['manager', 'leader', 'deputy'],
    example: {
      sv: 'progress gjort: Workshop med Kiruna kommun nästa: Ansökan till Vinnova humör:grön',
      en: 'progress done: Workshop with Kiruna municipality next: Application to Vinnova mood:green',
    },
    menu: true,
    handler: progress,
  }),
  defineCommand({
    verb: 'progress show',
    aliases: ['veckorapport visa', 'läge visa', 'lage visa'],
    group: 'weekly',
    summary: { sv: 'visar klustrets senaste veckorapporter', en: "shows the cluster's recent weekly notes" },
    args: {
      name: positional.optionalRest(cluster()),
      cluster: option('cluster', ['kluster'], cluster()),
      weeks: option('weeks', ['veckor'], integer(1, 52, 'veckor', 'weeks')),
    },
    // Notes are shared knowledge, readable by every participant.
    roles: 'everyone',
    example: { sv: 'progress show Rymd veckor:4', en: 'progress show Rymd weeks:4' },
    handler: progressShow,
  }),
  defineCommand({
    verb: 'progress missing',
    aliases: ['veckorapport saknas', 'läge saknas', 'lage saknas'],
    group: 'weekly',
    summary: { sv: 'visar vilka kluster som inte har rapporterat den här veckan', en: 'shows which clusters have not posted this week' },
    args: {},
    // Who has not posted is a follow-up tool for those who chase notes, not a public list of names.
    roles: ['manager', 'leader', 'deputy'],
    example: 'progress missing',
    handler: progressMissing,
  }),
  defineCommand({
    verb: 'away',
    aliases: ['borta', 'ledig'],
    group: 'weekly',
    summary: { sv: 'frånvaro: inga påminnelser och veckorna räknas inte som tysta', en: 'absence: no reminders, and the weeks do not count as silent' },
    args: {
      from: positional.required(date(), { what: 'away.dates_what' }),
      // One day away needs only the first date.
      to: positional.optional(date()),
    },
    // Anyone may be away; it only silences reminders to themselves.
    roles: 'everyone',
    example: 'away 2026-07-06 2026-08-07',
    handler: away,
  }),
  defineCommand({
    verb: 'digest here',
    aliases: ['sammanfattning här', 'sammanfattning har'],
    group: 'weekly',
    summary: { sv: 'prenumererar den här kanalen på veckosammanfattningen', en: 'subscribes this channel to the weekly digest' },
    args: {
      day: option('day', ['dag'], weekdayWord),
      time: option('time', ['tid', 'kl'], time()),
      lang: option('lang', ['språk', 'sprak'], digestLanguageWord),
    },
    // Subscribing posts to a whole channel every week: PM, leaders and deputies, typing in that channel
    // (being able to type there is the proof of membership; the handler takes the channel from the message).
    roles: ['manager', 'leader', 'deputy'],
    example: { sv: 'digest here dag:fre tid:14:00 språk:sv', en: 'digest here day:fri time:14:00 lang:sv' },
    handler: digestHere,
  }),
  defineCommand({
    verb: 'digest off',
    aliases: ['sammanfattning av'],
    group: 'weekly',
    summary: { sv: 'stoppar veckosammanfattningen i den här kanalen', en: 'stops the weekly digest in this channel' },
    args: {},
    // Whoever may subscribe may stop it again.
    roles: ['manager', 'leader', 'deputy'],
    example: 'digest off',
    handler: digestOff,
  }),
  defineCommand({
    verb: 'digest preview',
    aliases: ['sammanfattning visa', 'digest'],
    group: 'weekly',
    summary: { sv: 'visar vad veckosammanfattningen skulle innehålla just nu', en: 'shows what the weekly digest would contain right now' },
    // A long digest is previewed as its figures and one line per cluster; `all` shows all of it.
    args: { all: positional.optional(enumOf<'all'>({ all: { sv: ['alla'] } }, 'alla', 'all')) },
    // A preview is private and shows only what every participant may already read.
    roles: 'everyone',
    example: 'digest preview',
    handler: digestPreview,
  }),
];
