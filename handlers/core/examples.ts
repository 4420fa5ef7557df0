// The example under a refusal, made to fit the asker's programme: the catalog examples name a placeholder
// cluster («Rymd») and fixed due dates, which read as wrong to a person whose programme has no Rymd or on a
// day after the date. Where the programme has no cluster of that name the asker's own cluster is shown,
// else the programme's first; a due date, and the day of a meeting ahead (a date followed by a start time,
// as `meeting plan` and `meeting move` take it), becomes two weeks from today in the programme's time zone.
// A logged meeting's day and report periods stay as written: a past meeting or quarter is a real example.
import { addDays, dayIn } from './dates.js';
import type { HandlerContext } from './spec.js';

const PLACEHOLDER_CLUSTER = /(?<![\p{L}\p{N}_])Rymd(?![\p{L}\p{N}_])/gu;
const DUE_DATE = /\b(due|senast):\d{4}-\d{2}-\d{2}\b/g;
const PLANNED_DAY = /\b(date|datum):\d{4}-\d{2}-\d{2}(?=\s+(?:time|tid):)/g;
const DUE_AHEAD_DAYS = 14;

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
  return example;
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
