// `agenda <id>` shows a meeting's shared agenda with who added what; `agenda <id> <topic>` adds a topic
// (members of the meeting's clusters and the project manager). A cancelled or logged meeting's agenda is
// read-only: a topic added there is refused and nothing is stored.
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { shorten } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import type { Repositories } from '../../db/repositories.js';
import { t } from '../i18n/index.js';
import { findPlanned, mayAddTopic, type Planned } from './planned-lookup.js';
import { whenText } from './planned-views.js';
import { typedText } from './typed-text.js';

const TOPICS_SHOWN = 18;

type AgendaArgs = { id: { number: number; text: string }; topic: string | undefined };

export async function agenda(ctx: HandlerContext<AgendaArgs>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const ref = args.id.text.toUpperCase();
  const example = actor.language === 'sv' ? `agenda ${ref} Gemensam ansökan till Vinnova` : `agenda ${ref} Joint application to Vinnova`;
  const planned = await findPlanned(ctx, args.id.number, example);
  // As typed: quotes in a topic are kept as written (handlers/agenda/typed-text.ts).
  const typed = args.topic ? typedText(ctx.command.raw, 2, args.topic, false) : undefined;
  const topic = (typed && 'text' in typed ? typed.text : args.topic)?.trim();
  if (!topic) return showAgenda(actor.language, repos, actor.programmeId, planned, settings.timezone);
  if (planned.status !== 'planned') {
    throw new LoketError('agenda.closed', { id: planned.ref, status: planned.status === 'cancelled' ? 'agenda.status_cancelled' : 'agenda.status_held' }, 'meetings upcoming');
  }
  if (!mayAddTopic(actor, planned)) throw new LoketError('agenda.not_allowed', { id: planned.ref, clusters: planned.clusters.map((c) => c.name).join(', ') }, 'meetings upcoming');
  const { topic: added } = await repos.agenda.add({ programmeId: actor.programmeId, plannedMeetingId: planned.id, text: topic, addedBy: actor.personId, at: clock.now() });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'agenda.add', subjectType: 'meeting', subjectId: planned.id, detail: { ref: planned.ref, position: added.position }, at: clock.now() });
  const shown = await showAgenda(actor.language, repos, actor.programmeId, planned, settings.timezone);
  return { ...shown, title: t(actor.language, 'agenda.added', { n: added.position, text: shorten(topic, 80), id: planned.ref }) };
}

/** The agenda as a list; also what the day-before reminder posts. */
export async function agendaLines(language: Language, repos: Pick<Repositories, 'agenda'>, programmeId: string, planned: { id: string }): Promise<string[]> {
  const { topics } = await repos.agenda.list(programmeId, planned.id);
  return topics.map((topic) => {
    const from = topic.carriedFromNumber ? t(language, 'agenda.item_from', { id: shortId('M', topic.carriedFromNumber) }) : '';
    const outcome = topic.outcome ? t(language, topic.outcome === 'carried' ? 'agenda.outcome_carried' : 'agenda.outcome_discussed') : '';
    return `${t(language, 'agenda.item', { n: topic.position, text: shorten(topic.text, 200), who: topic.addedByName, from })}${outcome}`;
  });
}

async function showAgenda(language: Language, repos: Repositories, programmeId: string, planned: Planned, zone: string): Promise<Reply> {
  const all = await agendaLines(language, repos, programmeId, planned);
  // A reply fits a screen (~25 lines); the whole agenda is in the meeting's calendar invitation.
  const items = all.slice(0, TOPICS_SHOWN);
  if (all.length > items.length) items.push(t(language, 'upcoming.more', { count: all.length - items.length, command: `\`${language === 'sv' ? 'möte inbjudan' : 'meeting invite'} ${planned.ref}\`` }));
  const head = `${whenText(language, planned, zone)}${planned.clusters.length ? ` · ${planned.clusters.map((c) => c.name).join(', ')}` : ''}`;
  const blocks: Reply['blocks'] = [{ type: 'text', text: head }];
  if (items.length) blocks.push({ type: 'list', items });
  else blocks.push({ type: 'text', text: t(language, 'agenda.empty', { id: planned.ref }) });
  // The hint carries a topic the agenda has (its last), so it works as written.
  if (planned.status === 'planned' && items.length) blocks.push({ type: 'text', text: t(language, 'agenda.hint_log', { id: planned.ref, n: String(all.length) }) });
  return { visibility: 'private', title: t(language, 'agenda.title', { id: planned.ref, title: shorten(planned.title, 80) }), blocks };
}
