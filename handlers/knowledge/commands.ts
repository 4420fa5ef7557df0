// Shared knowledge: notes kept by a cluster and the search over everything logged (docs/architecture.md
// "Commands"): each command declared once.
import { cluster, text } from '../core/arg-types.js';
import { defineCommand, positional } from '../core/spec.js';
import { addNote } from './add-note.js';
import { search } from './search.js';

export const knowledgeCommands = [
  defineCommand({
    verb: 'note',
    aliases: ['anteckning', 'notera'],
    group: 'meetings',
    summary: { sv: 'sparar en anteckning i ett kluster: en kontakt, en lärdom, ett tillvägagångssätt', en: 'saves a note in a cluster: a contact, a lesson, a how-to' },
    args: {
      // One word, or a name in quotes: the rest is the note.
      cluster: positional.required(cluster(), { what: 'cluster.name_what' }),
      text: positional.rest(text(), { what: 'note.text_what' }),
    },
    // Notes are for the cluster's members; the handler checks membership of that cluster.
    roles: ['manager', 'leader', 'deputy', 'member'],
    example: { sv: 'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.', en: 'note Rymd The test bed in Kiruna is booked through IRF, six weeks ahead.' },
    handler: addNote,
  }),
  defineCommand({
    verb: 'search',
    aliases: ['sök', 'sok'],
    group: 'start',
    summary: {
      sv: 'söker i möten, beslut, åtgärder och anteckningar (svensk böjning: möte hittar mötet och möten)',
      en: 'searches meetings, decisions, action items and notes (Swedish word forms: möte finds mötet and möten)',
    },
    // Reading and searching are for everyone: shared knowledge is the point.
    // The search has its own limit (30 words, 300 characters) and says it in its own words.
    args: { words: positional.rest(text('ord', 'words', null), { what: 'search.words_what' }) },
    roles: 'everyone',
    example: { sv: 'search möte styrgrupp', en: 'search steering group' },
    menu: true,
    handler: search,
  }),
];
