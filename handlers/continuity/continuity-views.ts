// How the person-dependency signals read in `status` and `status <cluster>`.
import type { Language } from '../core/incoming.js';
import type { ReplyBlock } from '../core/reply.js';
import { coOwnerFor, shareKinds, type ContinuitySignals } from './continuity.js';
import { percent } from './continuity-measure.js';
import { list as listOf, t } from '../i18n/index.js';

const OVERVIEW_LIMIT = 10;

export function quoteName(name: string): string {
  return /\s/.test(name) ? `"${name}"` : name;
}

/** "1 – Anna alone touched 14 of 20 …": the number with the reason for it. */
export function busFactorText(lang: Language, s: ContinuitySignals): string {
  const { factor, covered, total, names } = s.bus;
  if (total === 0) return t(lang, 'continuity.bus_none');
  // «Anna, Lina och Sara har tillsammans rört …»: the names as a list in the reader's language.
  return t(lang, factor === 1 ? 'continuity.bus_one' : 'continuity.bus_many', { factor, names: listOf(lang, names), covered, total });
}

/** One suggestion, the most useful first: a contact only one person has, no deputy, an owner who is away
 *  or gone, then sharing the load of the one person who carries the cluster. */
export function suggestion(lang: Language, s: ContinuitySignals, cluster: string): string | undefined {
  const contact = s.soleContacts[0];
  if (contact) {
    const partner = coOwnerFor(s, contact.personId);
    if (partner) return t(lang, 'continuity.suggest_contact', { partner: partner.name, organisation: contact.organisation, person: contact.person });
    return t(lang, 'continuity.suggest_contact_alone', { person: contact.person, organisation: contact.organisation, cluster: quoteName(cluster) });
  }
  if (s.deputies.length === 0) return t(lang, 'continuity.suggest_deputy', { cluster: quoteName(cluster) });
  const orphan = s.ownersAwayOrGone[0];
  if (orphan) return t(lang, 'continuity.suggest_owner', { id: `P${orphan.number}`, owner: orphan.owner, reason: t(lang, `continuity.reason_${orphan.reason}`) });
  const carrier = s.bus.chosen[0];
  const partner = carrier && coOwnerFor(s, carrier.personId);
  if (s.bus.factor === 1 && partner) return t(lang, 'continuity.suggest_share', { partner: partner.name, person: s.bus.names[0] ?? '' });
  return undefined;
}

function sharesText(lang: Language, s: ContinuitySignals): string {
  return shareKinds
    .map((k) => t(lang, `continuity.share_${k}`, { single: s.shares[k].single, total: s.shares[k].total, percent: percent(s.shares[k].single, s.shares[k].total) }))
    .join(', ');
}

/** The in-depth blocks of `status <cluster>`. Whether there is a deputy is already a field of status
 *  itself; here it drives the suggestion. */
export function continuityClusterBlocks(lang: Language, s: ContinuitySignals, cluster: string): ReplyBlock[] {
  const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ');
  const blocks: ReplyBlock[] = [
    {
      type: 'fields',
      fields: [
        { label: t(lang, 'continuity.bus_label'), value: busFactorText(lang, s) },
        { label: t(lang, 'continuity.active_label'), value: s.recorders.length ? t(lang, 'continuity.active_value', { n: s.recorders.length, names: names(s.recorders) }) : t(lang, 'continuity.nobody') },
        { label: t(lang, 'continuity.single_label'), value: sharesText(lang, s) },
      ],
    },
  ];
  if (s.soleContacts.length) blocks.push({ type: 'list', title: t(lang, 'continuity.sole_contacts_title'), items: s.soleContacts.map((c) => t(lang, 'continuity.sole_contact', { organisation: c.organisation, person: c.person, date: c.lastMet })) });
  if (s.ownersAwayOrGone.length) blocks.push({ type: 'list', title: t(lang, 'continuity.owners_title'), items: s.ownersAwayOrGone.map((a) => t(lang, 'continuity.owner_line', { id: `P${a.number}`, text: a.text, owner: a.owner, reason: t(lang, `continuity.reason_${a.reason}`) })) });
  const advice = suggestion(lang, s, cluster);
  if (advice) blocks.push({ type: 'text', text: advice });
  return blocks;
}

/** The overview's list: clusters that rest on one person, have no deputy, or have orphaned plan actions. */
export function continuityOverviewBlocks(lang: Language, signals: ContinuitySignals[], nameOf: (clusterId: string) => string): ReplyBlock[] {
  const worrying = signals.filter((s) => (s.bus.total > 0 && s.bus.factor <= 1) || s.deputies.length === 0 || s.ownersAwayOrGone.length > 0);
  if (worrying.length === 0) return [{ type: 'text', text: t(lang, 'continuity.overview_well') }];
  const items = worrying.slice(0, OVERVIEW_LIMIT).map((s) => {
    const parts = [s.bus.total > 0 ? t(lang, 'continuity.overview_bus', { factor: s.bus.factor, names: listOf(lang, s.bus.names) }) : t(lang, 'continuity.bus_none')];
    if (s.deputies.length === 0) parts.push(t(lang, 'continuity.deputy_no'));
    parts.push(t(lang, 'continuity.overview_active', { n: s.recorders.length }));
    if (s.ownersAwayOrGone.length) parts.push(t(lang, 'continuity.overview_orphans', { n: s.ownersAwayOrGone.length }));
    return `${nameOf(s.clusterId)}: ${parts.join(', ')}`;
  });
  const blocks: ReplyBlock[] = [{ type: 'list', title: t(lang, 'continuity.overview_title'), items }];
  if (worrying.length > OVERVIEW_LIMIT) blocks.push({ type: 'text', text: t(lang, 'continuity.more', { n: worrying.length - OVERVIEW_LIMIT }) });
  return blocks;
}
