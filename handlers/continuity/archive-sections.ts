// The archive page's content, rendered on the server as plain HTML: it reads with scripts turned off too,
// and every value is escaped, since records hold whatever people typed.
import type { Language } from '../core/incoming.js';
import type { ArchiveData } from './archive-data.js';
import { catalogs, t, type MessageKey } from '../i18n/index.js';

type Row = Record<string, unknown>;

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A stored code (a role, a meeting kind, need/offer) in the reader's words; an unknown code is shown as stored. */
function label(lang: Language, prefix: string, code: unknown): string {
  const key = `${prefix}${String(code ?? '')}`;
  return Object.hasOwn(catalogs.sv, key) ? t(lang, key as MessageKey) : esc(code);
}

const list = (values: unknown): unknown[] => (Array.isArray(values) ? values : []);
const names = (values: unknown) => list(values).map(esc).join(', ');
const ul = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '');

function meeting(lang: Language, m: Row): string {
  const actions = list(m.actions).map((a) => {
    const x = a as Row;
    const state = x.done ? t(lang, 'archive.done_on', { date: esc(x.done) }) : t(lang, 'archive.open');
    return `${esc(x.id)} ${esc(x.text)} – ${esc(x.owner)}${x.due ? ` – ${esc(x.due)}` : ''} – ${state}${x.doneNote ? ` (${esc(x.doneNote)})` : ''}`;
  });
  const notes = list(m.notes).map((n) => `${esc((n as Row).id)} ${esc((n as Row).text)}`);
  return `<article id="${esc(m.id)}"><h3>${esc(m.id)} · ${esc(m.date)} · ${esc(m.title)}</h3>
<p class="meta">${label(lang, 'meeting.kind.', m.kind)} · ${names(m.clusters)} · ${t(lang, 'archive.logged_by', { name: esc(m.author) })}</p>
${list(m.participants).length ? `<p>${t(lang, 'archive.participants')}: ${names(m.participants)}</p>` : ''}
${list(m.organisations).length ? `<p>${t(lang, 'archive.organisations')}: ${names(m.organisations)}</p>` : ''}
${list(m.decisions).length ? `<h4>${t(lang, 'archive.decisions')}</h4>${ul(list(m.decisions).map(esc))}` : ''}
${actions.length ? `<h4>${t(lang, 'archive.actions')}</h4>${ul(actions)}` : ''}
${notes.length ? `<h4>${t(lang, 'archive.notes')}</h4>${ul(notes)}` : ''}</article>`;
}

function section(lang: Language, id: string, key: MessageKey, body: string[]): string {
  return `<section id="${id}"><h2>${t(lang, key)} (${body.length})</h2>${body.join('\n') || `<p>${t(lang, 'pack.none')}</p>`}</section>`;
}

export function renderSections(lang: Language, data: ArchiveData): string {
  const clusters = data.clusters.map((c) => `<article id="cluster-${esc(c.name)}"><h3>${esc(c.name)}</h3><p class="meta">${esc(c.sector)} · ${esc(c.createdOn)}</p>${ul(list(c.members).map((m) => `${esc((m as Row).name)} – ${label(lang, 'role.', (m as Row).role)}`))}</article>`);
  const notes = data.notes.map((n) => `<article id="${esc(n.id)}"><h3>${esc(n.id)} · ${esc(n.date)} · ${esc(n.cluster)}</h3><p>${esc(n.text)}</p><p class="meta">${t(lang, 'archive.written_by', { name: esc(n.author), owner: esc(n.owner) })}</p></article>`);
  const progress = data.progress.map((p, i) => `<article id="progress-${i}"><h3>${esc(p.cluster)} · ${esc(p.week)}</h3>${ul(['done', 'next', 'blockers', 'need'].filter((k) => p[k]).map((k) => `${t(lang, `pack.progress_${k}` as MessageKey)} ${esc(p[k])}`))}</article>`);
  const plans = data.plans.map((g) => `<article id="${esc(g.id)}"><h3>${esc(g.id)} · ${esc(g.cluster)} · ${esc(g.area)}</h3><p>${esc(g.text)}</p>${ul(list(g.actions).map((a) => { const x = a as Row; return `${esc(x.id)} ${esc(x.text)} – ${esc(x.owner)} – ${esc(x.due)} – ${x.done ? t(lang, 'archive.done_on', { date: esc(x.done) }) : t(lang, 'archive.open')}`; }))}</article>`);
  const exchanges = data.exchanges.map((e, i) => `<article id="exchange-${i}"><h3>${label(lang, 'archive.kind_', e.kind)} · ${esc(e.cluster)} · ${esc(e.topic)}</h3><p class="meta">${esc(e.person)} · ${esc(e.date)}</p>${ul(list(e.proposals).flatMap((p) => list((p as Row).learnings).map((l) => `${esc((p as Row).id)} ${esc((l as Row).person)}: ${esc((l as Row).text)}`)))}</article>`);
  const orgs = data.organisations.map((o) => `<li>${esc(o.name)} (${esc(o.orgNumber)}, ${esc(o.type)})</li>`);
  return [
    section(lang, 'clusters', 'archive.clusters', clusters),
    section(lang, 'meetings', 'archive.meetings', data.meetings.map((m) => meeting(lang, m))),
    section(lang, 'notes', 'archive.notes', notes),
    section(lang, 'progress', 'archive.progress', progress),
    section(lang, 'plans', 'archive.plans', plans),
    section(lang, 'exchanges', 'archive.exchanges', exchanges),
    `<section id="organisations"><h2>${t(lang, 'archive.organisations')} (${orgs.length})</h2><ul>${orgs.join('')}</ul></section>`,
  ].join('\n');
}
