// The peer-exchange messages as Replies: the proposal each side gets, the introduction (1:1 or to both in a
// group DM) and the follow-up question. Pure: the caller picks the language and where they go.
import type { ProposalDetails, Side } from '../../db/exchanges.repository.js';
import type { Language } from '../core/incoming.js';
import type { Reply } from '../core/reply.js';
import { shorten } from '../core/free-text.js';
import { answerButtons } from './exchange-common.js';
import { t } from '../i18n/index.js';

export type Party = ProposalDetails['need'];

/** How to reach the other person: a mention when both are in the same Slack workspace, else their
 *  platform id (bots cannot open chats across workspaces, nor group chats in Teams). */
export function contactOf(other: Party, me: Pick<Party, 'platform' | 'workspaceId'>): string {
  if (other.platform === 'slack' && me.platform === 'slack' && other.workspaceId === me.workspaceId) return `<@${other.userId}>`;
  return `${other.platform} ${other.userId} (${other.workspaceId})`;
}

export function sidesOf(details: ProposalDetails, side: Side): [me: Party, other: Party] {
  return side === 'need' ? [details.need, details.offer] : [details.offer, details.need];
}

/** The proposal as the side `to` sees it: who the other is, what they need or offer, why, and the buttons. */
export function proposalMessage(id: string, details: ProposalDetails, to: Side, reason: string, lang: Language): Reply {
  const [, other] = sidesOf(details, to);
  const what = to === 'offer'
    ? t(lang, 'exchange.proposal_to_offer', { name: other.name, cluster: other.cluster, topic: shorten(other.topic, 300) })
    : t(lang, 'exchange.proposal_to_need', { need: shorten(details.need.topic, 200), name: other.name, cluster: other.cluster, topic: shorten(other.topic, 300) });
  return {
    visibility: 'private',
    title: t(lang, 'exchange.proposal_title', { id, name: other.name }),
    blocks: [
      { type: 'text', text: what },
      { type: 'text', text: t(lang, 'exchange.proposal_why', { reason }) },
      { type: 'text', text: t(lang, 'exchange.proposal_how', { id }) },
    ],
    buttons: answerButtons(id, lang),
  };
}

/** One side's introduction of the other: name, cluster, organisation, contact and a suggested agenda. */
export function introduction(id: string, me: Party, other: Party, details: ProposalDetails, lang: Language): Reply {
  return {
    visibility: 'private',
    title: t(lang, 'exchange.intro_title', { id, name: other.name }),
    blocks: [
      { type: 'text', text: t(lang, 'exchange.intro_text', { name: other.name }) },
      {
        type: 'fields',
        fields: [
          { label: t(lang, 'exchange.field_name'), value: other.name },
          { label: t(lang, 'exchange.field_cluster'), value: other.cluster },
          { label: t(lang, 'exchange.field_org'), value: other.organisation ?? '–' },
          { label: t(lang, 'exchange.field_contact'), value: contactOf(other, me) },
        ],
      },
      agenda(id, details, lang),
    ],
  };
}

/** Both introduced in one conversation (a Slack group DM): each person with cluster, organisation and mention. */
export function groupIntroduction(id: string, details: ProposalDetails, lang: Language): Reply {
  const { need, offer } = details;
  // Cluster, organisation and mention need no words of their own, so this line is the same in both languages.
  const person = (p: Party) => ({ label: p.name, value: [p.cluster, p.organisation ?? '–', contactOf(p, p)].join(' · ') });
  return {
    visibility: 'private',
    title: t(lang, 'exchange.group_title', { id, need: need.name, offer: offer.name }),
    blocks: [{ type: 'text', text: t(lang, 'exchange.group_text') }, { type: 'fields', fields: [person(need), person(offer)] }, agenda(id, details, lang)],
  };
}

function agenda(id: string, details: ProposalDetails, lang: Language) {
  return {
    type: 'list' as const,
    title: t(lang, 'exchange.agenda_title'),
    items: [t(lang, 'exchange.agenda_need', { topic: details.need.topic }), t(lang, 'exchange.agenda_offer', { topic: details.offer.topic }), t(lang, 'exchange.agenda_done', { id })],
  };
}

/** "Did you meet? What did you learn, what will you try?", with the command to answer and a button to a form. */
export function followUpMessage(input: { id: string; otherName: string; otherCluster: string; needTopic: string }, lang: Language): Reply {
  const { id } = input;
  return {
    visibility: 'private',
    title: t(lang, 'exchange.follow_up_title', { id }),
    blocks: [
      { type: 'text', text: t(lang, 'exchange.follow_up_text', { name: input.otherName, cluster: input.otherCluster, topic: shorten(input.needTopic, 200) }) },
      { type: 'text', text: t(lang, 'exchange.follow_up_how', { id }) },
    ],
    buttons: [{ label: t(lang, 'exchange.button_done', { id }), command: `exchange done ${id}`, style: 'primary' }],
  };
}
