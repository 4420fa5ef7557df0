import type { Cluster } from '../../db/clusters.repository.js';
import type { ProgressFields } from '../../db/progress.repository.js';
import { moods, type Mood } from '../../db/schema/index.js';
import { formMaxLength, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { commandRef, textReply, type Reply, type ReplyForm } from '../core/reply.js';
import { isoWeekOf, previousWeek } from '../core/weeks.js';
import { t } from '../i18n/index.js';
import type { Language } from '../core/incoming.js';
import { assertMayWrite, defaultCluster, progressCluster } from './progress-cluster.js';
import { authorOf } from './progress-views.js';

const progressExamples = {
  sv: 'progress done: Workshop med Kiruna kommun next: Ansökan till Vinnova blockers: – need: Kontakt på LTU mood:green',
  en: 'progress done: Workshop with Kiruna municipality next: Application to Vinnova blockers: – need: A contact at LTU mood:green',
} as const;
const FIELDS = ['done', 'next', 'blockers', 'need'] as const;

export type ProgressArgs = { cluster?: string; done?: string; next?: string; blockers?: string; need?: string; mood?: Mood };

/** `progress [cluster:…] done: … next: … blockers: … need: … [mood:…]`: the writer's own note of this ISO week,
 *  updated in place when they post again; a leader's and a deputy's notes live side by side.
 *  Words outside the fields never reach here: the binder refuses them, so a note that lost its labels is
 *  not stored (nor mistaken for a request for the form). */
export async function progress(ctx: HandlerContext<ProgressArgs>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const fields = readFields(args);
  const progressExample = progressExamples[actor.language];
  if (!fields) return progressForm(ctx, args.cluster ? await progressCluster(ctx, args.cluster, progressExample) : await defaultCluster(ctx));
  const cluster = await progressCluster(ctx, args.cluster, progressExample);
  assertMayWrite(ctx, cluster, progressExample);
  const isoWeek = isoWeekOf(clock.now(), settings.timezone);
  const { note, created } = await repos.progress.upsert({ programmeId: actor.programmeId, clusterId: cluster.id, isoWeek, authorId: actor.personId, fields, at: clock.now() });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: created ? 'progress.create' : 'progress.update', subjectType: 'progress_note', subjectId: note.id, detail: { isoWeek }, at: clock.now() });
  const saved = t(actor.language, created ? 'progress.saved' : 'progress.updated', { cluster: cluster.name, week: isoWeek });
  // Each writer keeps their own note; saying who else wrote this week shows that nothing was replaced.
  const others = await otherAuthors(ctx, cluster.id, isoWeek);
  if (others.length === 0) return textReply(saved);
  return textReply(`${saved}\n${t(actor.language, 'progress.also_written', { names: new Intl.ListFormat(actor.language, { type: 'conjunction' }).format(others), cluster: cluster.name })}`);
}

async function otherAuthors(ctx: HandlerContext, clusterId: string, isoWeek: string): Promise<string[]> {
  const { notes } = await ctx.repos.progress.ofWeeks(ctx.actor.programmeId, [isoWeek]);
  return notes.filter((n) => n.clusterId === clusterId && n.authorId !== ctx.actor.personId).map((n) => authorOf(n, ctx.actor.language));
}

/** Undefined when the message names no field at all (→ the form). */
function readFields(args: ProgressArgs): ProgressFields | undefined {
  const fields: ProgressFields = {};
  for (const key of FIELDS) {
    const value = args[key]?.trim();
    if (value) fields[key] = value;
  }
  if (args.mood) fields.mood = args.mood;
  return Object.keys(fields).length ? fields : undefined;
}

/** The form starts from the writer's own note: this week's, else last week's `next:` as this week's `done:` —
 *  what was planned is usually what got done. Another author's note is theirs to keep, never a starting point. */
async function progressForm(ctx: HandlerContext, cluster: Cluster | undefined): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const isoWeek = isoWeekOf(clock.now(), settings.timezone);
  const current = cluster ? (await repos.progress.findOwn(actor.programmeId, cluster.id, isoWeek, actor.personId)).note : undefined;
  const last = cluster ? (await repos.progress.findOwn(actor.programmeId, cluster.id, previousWeek(isoWeek), actor.personId)).note : undefined;
  const initial = {
    done: current?.done ?? last?.next ?? undefined,
    next: current?.next ?? undefined,
    blockers: current?.blockers ?? undefined,
    need: current?.need ?? undefined,
  };
  const intro = t(actor.language, 'progress.form_intro', { week: isoWeek, example: commandRef(progressExamples[actor.language], actor.language) });
  return textReply(intro, { form: formFor(actor.language, cluster?.name, initial, current?.mood ?? undefined) });
}

function formFor(language: Language, clusterName: string | undefined, initial: Record<(typeof FIELDS)[number], string | undefined>, mood: Mood | undefined): ReplyForm {
  const label = (key: string) => t(language, `progress.field_${key}` as 'progress.field_done');
  return {
    title: t(language, 'progress.form_title'),
    verb: 'progress',
    submitLabel: t(language, 'progress.form_submit'),
    language,
    fields: [
      { key: 'cluster', label: label('cluster'), kind: 'text', required: true, maxLength: formMaxLength(textLimits.name), ...(clusterName ? { initial: clusterName } : {}) },
      ...FIELDS.map((key) => ({ key, label: label(key), kind: 'multiline' as const, maxLength: formMaxLength(textLimits.body), ...(initial[key] ? { initial: initial[key] } : {}) })),
      { key: 'mood', label: label('mood'), kind: 'select', ...(mood ? { initial: mood } : {}), options: moods.map((m) => ({ value: m, label: t(language, `progress.mood_${m}`) })) },
    ],
  };
}
