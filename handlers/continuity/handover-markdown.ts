// The handover pack as Markdown: readable as plain text in any editor, rendered nicely where Markdown is.
import type { Language } from '../core/incoming.js';
import type { HandoverPack } from './handover-pack.js';
import { t, type MessageKey } from '../i18n/index.js';
import { areaLabel } from '../plans/plan-areas.js';

/** One line of user text, safe to open in any Markdown viewer: no line breaks that would end a list item,
 *  no leading `#` read as a heading, no raw HTML (`<a href="javascript:…">`, `<img onerror>`: `<` becomes
 *  `&lt;`, which every renderer shows as `<` and none reads as a tag) and no link or image syntax (`[`, `]`
 *  and a backslash that could undo an escape are escaped). `R&D` and `2 > 1` stay as typed. */
export function line(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/^([#>])/, '\\$1');
}

function section(lang: Language, key: MessageKey, items: string[]): string[] {
  return [`## ${t(lang, key)}`, '', ...(items.length ? items.map((i) => `- ${i}`) : [`- ${t(lang, 'pack.none')}`]), ''];
}

export function renderPackMarkdown(lang: Language, pack: HandoverPack, handover?: { from: string; to: string }): string {
  const kind = (k: string) => t(lang, `meeting.kind.${k}` as MessageKey);
  const out = [`# ${t(lang, 'pack.title', { cluster: line(pack.cluster) })}`, '', t(lang, 'pack.generated', { date: pack.generatedOn, sector: line(pack.sector) }), ''];
  if (handover) out.push(t(lang, 'pack.handed_over', { from: line(handover.from), to: line(handover.to) }), '');
  out.push(...section(lang, 'pack.members', pack.members.map((m) => `${line(m.name)} – ${t(lang, `role.${m.role}` as MessageKey)}`)));
  out.push(...section(lang, 'pack.open_actions', pack.openActions.map((a) => `${a.id} ${line(a.text)} – ${line(a.owner)} – ${a.due ?? t(lang, 'pack.no_due')} (${a.meeting}, ${a.meetingOn})`)));
  out.push(...section(lang, 'pack.open_plan_actions', pack.openPlanActions.map((a) => `${a.id} ${line(a.text)} – ${line(a.owner)} – ${a.due} (${a.gap})`)));
  out.push(`## ${t(lang, 'pack.plan')}`, '', t(lang, 'pack.last_review', { date: pack.plan.lastReview ?? t(lang, 'plan.never_reviewed') }), '');
  if (pack.plan.gaps.length === 0) out.push(`- ${t(lang, 'pack.none')}`, '');
  for (const gap of pack.plan.gaps) {
    const flag = gap.uncovered ? ` **${t(lang, 'pack.gap_uncovered')}**` : '';
    out.push(`### ${gap.id} [${areaLabel(lang, gap.area)}] ${line(gap.text)}${flag}`, '');
    for (const a of gap.actions) out.push(`- ${a.id} ${line(a.text)} – ${line(a.owner)} – ${a.due} – ${a.done ? t(lang, 'pack.done_on', { date: a.done }) : t(lang, 'plan.state_open')}`);
    out.push('');
  }
  out.push(...section(lang, 'pack.progress', pack.progress.map((p) => `${p.isoWeek}${p.author ? ` (${line(p.author)})` : ''}: ${progressText(lang, p)}`)));
  out.push(...section(lang, 'pack.decisions', pack.decisions.map((d) => `${d.date} ${d.meeting} ${line(d.title)}: ${line(d.text)}`)));
  out.push(...section(lang, 'pack.organisations', pack.organisations.map((o) => t(lang, 'pack.org_line', { name: line(o.name), orgNumber: o.orgNumber, meetings: o.meetings, date: o.lastMet, meeting: o.meeting, people: line(o.metBy) || '–' }))));
  out.push(...section(lang, 'pack.contacts', pack.contacts.map((c) => t(lang, 'pack.contact_line', { name: line(c.name) + (c.organisation ? ` (${line(c.organisation)})` : ''), date: c.lastMet, meeting: c.meeting, people: line(c.metBy) || '–' }))));
  out.push(...section(lang, 'pack.exchanges', pack.openExchanges.map((e) => `${t(lang, e.kind === 'need' ? 'exchange.list_needs' : 'exchange.list_offers')}: ${line(e.topic)} – ${line(e.person)}${e.proposals ? ` (${e.proposals})` : ''}`)));
  out.push(...section(lang, 'pack.learnings', pack.learnings.map((l) => `${l.exchange} ${l.createdOn} ${line(l.person)}: ${line(l.text)}`)));
  out.push(...section(lang, 'pack.recent_meetings', pack.recentMeetings.map((m) => t(lang, 'pack.meeting_line', { date: m.date, id: m.id, kind: kind(m.kind), title: line(m.title), people: line(m.people) || '–' }))));
  out.push(...section(lang, 'pack.upcoming', pack.upcomingMeetings.map((m) => `${m.starts} ${m.id} ${kind(m.kind)}: ${line(m.title)}${m.topics.length ? ` – ${m.topics.map(line).join('; ')}` : ''}`)));
  out.push(...section(lang, 'pack.recurring', pack.recurringMeetings.map((r) => t(lang, 'pack.recurring_line', { kind: kind(r.kind), count: r.count, days: r.everyDays, first: r.first, last: r.last, title: line(r.lastTitle), people: r.regulars.map(line).join(', ') || '–' }))));
  return out.join('\n');
}

function progressText(lang: Language, p: HandoverPack['progress'][number]): string {
  const parts: [MessageKey, string | null][] = [['pack.progress_done', p.done], ['pack.progress_next', p.next], ['pack.progress_blockers', p.blockers], ['pack.progress_need', p.need]];
  return parts.filter(([, v]) => v).map(([k, v]) => `${t(lang, k)} ${line(v)}`).join('; ');
}
