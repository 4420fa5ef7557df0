// The example under a refusal, made to fit the asker's programme: the catalog examples name a placeholder
// cluster («Rymd») and fixed due dates, which read as wrong to a person whose programme has no Rymd or on a
// day after the date. Where the programme has no cluster of that name the asker's own cluster is shown,
// else the programme's first; a due date, and the day of a meeting ahead (a date followed by a start time,
// as `meeting plan` and `meeting move` take it), becomes two weeks from today in the programme's time zone.
// A logged meeting's day and report periods stay as written: a past meeting or quarter is a real example.
// The placeholder meeting M12 of `evaluate` and `rate` (`utvärdera`, `betygsätt`) becomes a meeting the asker
// could use (one they logged with other participants, or one they were asked about and may still answer);
// with none, the example is `meetings` / `möten`, which lists them: an example is a command that works. The
// M12 of the commands that name one meeting (`meeting show`, `share`, `edit`, `delete`, in either language)
// becomes the programme's newest meeting, likewise. Looked up only when a refusal is shown, so an accepted command costs nothing more.
import { addDays, dayIn } from './dates.js';
import { shortId } from './short-ids.js';
import type { HandlerContext } from './spec.js';

const PLACEHOLDER_CLUSTER = /(?<![\p{L}\p{N}_])Rymd(?![\p{L}\p{N}_])/gu;
const DUE_DATE = /\b(due|senast):\d{4}-\d{2}-\d{2}\b/g;
const PLANNED_DAY = /\b(date|datum):\d{4}-\d{2}-\d{2}(?=\s+(?:time|tid):)/g;
const DUE_AHEAD_DAYS = 14;
/** The meeting the catalog examples of `evaluate`, `rate` and the one-meeting commands name; other commands' M12
 *  stays as written. */
export const PLACEHOLDER_MEETING = 'M12';
const MEETING_EXAMPLE = /^(evaluate|rate|utvärdera|betygsätt)\s+M12(?![\p{L}\p{N}])/u;
const MEETING_COMMAND_EXAMPLE = /^(?:meeting\s+(?:show|share|edit|delete)|möte\s+(?:visa|dela|ändra|radera))\s+M12(?![\p{L}\p{N}])/u;
const PLACEHOLDER_MEETING_ID = /(?<![\p{L}\p{N}])M12(?![\p{L}\p{N}])/gu;

type ExampleContext = Pick<HandlerContext, 'actor' | 'repos' | 'clock' | 'settings'>;

export async function exampleFor(ctx: ExampleContext, template: string): Promise<string> {
  let example = template;
  for (const pattern of [DUE_DATE, PLANNED_DAY]) {
    if (!example.match(pattern)) continue;
    const ahead = addDays(dayIn(ctx.settings.timezone, ctx.clock.now()), DUE_AHEAD_DAYS);
    example = example.replace(pattern, (_match, key: string) => `${key}:${ahead}`);
  }
  if (example.match(PLACEHOLDER_CLUSTER)) {
    const name = await realClusterName(ctx);
    if (name) example = example.replace(PLACEHOLDER_CLUSTER, /\s/.test(name) ? `"${name}"` : name);
  }
  const meeting = MEETING_EXAMPLE.exec(example);
  if (meeting) {
    const number = await realMeetingNumber(ctx, meeting[1] === 'evaluate' || meeting[1] === 'utvärdera' ? 'evaluate' : 'rate');
    example = number === undefined ? (ctx.actor.language === 'sv' ? 'möten' : 'meetings') : example.replace(PLACEHOLDER_MEETING_ID, shortId('M', number));
  }
  if (MEETING_COMMAND_EXAMPLE.test(example)) {
    const { meetings } = await ctx.repos.meetings.list({ programmeId: ctx.actor.programmeId, limit: 1 });
    const number = meetings[0]?.meeting.number;
    example = number === undefined ? (ctx.actor.language === 'sv' ? 'möten' : 'meetings') : example.replace(PLACEHOLDER_MEETING_ID, shortId('M', number));
  }
  return example;
}

/** `evaluate`: the newest meeting the asker logged (any, for a manager) with participants LOKET knows besides
 *  them; `rate`: the meeting they were asked about most recently that is still open for answers. */
async function realMeetingNumber(ctx: ExampleContext, verb: 'evaluate' | 'rate'): Promise<number | undefined> {
  const { actor, repos } = ctx;
  const { number } =
    verb === 'evaluate'
      ? await repos.evaluations.exampleToEvaluate(actor.programmeId, actor.personId, actor.programmeRoles.includes('manager'))
      : await repos.evaluations.exampleToRate(actor.programmeId, actor.personId, ctx.clock.now());
  return number;
}

async function realClusterName(ctx: ExampleContext): Promise<string | undefined> {
  const { actor, repos } = ctx;
  // A programme with a real Rymd keeps it: the example may name the very cluster the refusal is about.
  const { cluster: placeholder } = await repos.clusters.findByName(actor.programmeId, 'Rymd');
  if (placeholder) return undefined;
  const { memberships } = await repos.clusters.membershipsOf(actor.programmeId, actor.personId);
  if (memberships[0]) return memberships[0].cluster.name;
  const { clusters } = await repos.clusters.list(actor.programmeId);
  return clusters[0]?.cluster.name;
}
