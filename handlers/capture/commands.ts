// Saving a chat message into LOKET (issue 22): the Slack message shortcut and the Teams message action
// open the form of `save`; its submission, like a typed `save`, runs here (docs/architecture.md "Commands").
import { cluster, date, enumOf, id, participants, person, text } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { saveMessage } from './save-message.js';
import { linkLimit, saveExample } from './save-input.js';

/** What a saved message becomes; the words are the form's choices and the `as:` values. */
export const savedKind = enumOf(
  {
    note: { sv: ['anteckning'] },
    decision: { sv: ['beslut'] },
    action: { sv: ['åtgärd'], also: ['atgard', 'åtgard'] },
    need: { sv: ['behov'] },
    offer: { sv: ['erbjudande'], also: ['erbjud'] },
  },
  'blir',
  'becomes',
);

export const captureCommands = [
  defineCommand({
    verb: 'save',
    aliases: ['spara'],
    group: 'meetings',
    summary: {
      sv: 'sparar ett meddelande som anteckning, beslut, åtgärd, behov eller erbjudande, med länk och författare (”Spara i LOKET” på ett meddelande)',
      en: 'saves a message as a note, decision, action item, need or offer, with its link and author ("Save to LOKET" on a message)',
    },
    args: {
      text: positional.optionalRest(text()),
      as: option('as', ['som'], savedKind),
      cluster: option('cluster', ['kluster'], cluster()),
      meeting: option('meeting', ['möte', 'mote'], id('M')),
      owner: option('owner', ['ansvarig', 'ägare', 'agare'], person()),
      due: option('due', ['senast'], date()),
      author: option('author', ['författare', 'forfattare', 'av'], participants()),
      link: option('link', ['länk', 'lank'], text('länk', 'link', linkLimit)),
    },
    // The message's own text comes as `note:` lines, so its line breaks survive the form.
    lines: ['note'],
    // Members write notes; the handler narrows each kind to who may write it (meetings, exchanges).
    roles: ['manager', 'leader', 'deputy', 'member'],
    example: saveExample,
    handler: saveMessage,
  }),
];

