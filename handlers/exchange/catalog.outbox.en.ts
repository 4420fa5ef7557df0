import type { exchangeSv } from './catalog.outbox.sv.js';

export const exchangeEn: Record<keyof typeof exchangeSv, string> = {
  'exchange.proposal_title': 'Proposal {id}: meet {name}',
  'exchange.proposal_to_offer': '{name} ({cluster}) needs help with “{topic}”, and your offer fits.',
  'exchange.proposal_to_need': 'For your need “{need}” I propose {name} ({cluster}), who offers “{topic}”.',
  'exchange.proposal_why': 'Why: {reason}',
  'exchange.proposal_how': 'Answer with the buttons, or type `exchange accept {id}` or `exchange decline {id} [reason]`. When you have both said yes I introduce you to each other.',
  'exchange.declined_notice': '{name} declined proposal {id}. The need stays open for other proposals.',
  'exchange.declined_notice_reason': '{name} declined proposal {id}: “{reason}”. The need stays open for other proposals.',
  'exchange.intro_also_sent': '{name} gets the same introduction of you in a direct message.',
  'exchange.intro_group_opened': 'I am also opening a group conversation for you and {name}, with the agenda.',
  'exchange.group_title': 'Exchange {id}: {need} and {offer}',
  'exchange.group_text': 'You have both said yes, so here you are in one conversation. Book a meeting!',
  'exchange.follow_up_title': 'Exchange {id}: how did it go?',
  'exchange.follow_up_text': 'I introduced you to {name} ({cluster}) about “{topic}”. Did you meet? What did you learn, and what will you try?',
  'exchange.follow_up_how': 'Type `exchange done {id} learned: …` – the learning is kept in both clusters so everyone in the programme finds it with `search`.',
  'exchange.button_done': 'Tell what you learned ({id})',
  'exchange.done_form_title': 'Learning from {id}',
  'exchange.done_form_intro': 'What did you learn from exchange {id}, and what will you try? It is kept in both clusters.',
  'exchange.done_form_submit': 'Save',
  'exchange.done_field_id': 'Exchange',
  'exchange.done_field_learned': 'What did you learn – and what will you try?',
};
