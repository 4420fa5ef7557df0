import type { knowledgeCatalogSv } from './catalog.sv.js';

export const knowledgeCatalogEn: Record<keyof typeof knowledgeCatalogSv, string> = {
  'note.not_member': 'Only members of {cluster} and project managers can write notes there.',
  'note.text_what': 'a text for the note',
  'note.saved': 'Note {id} is saved in {cluster}. Everyone in the programme can find it with `search`.',
  'search.words_what': 'something to search for',
  'search.title': 'Results for “{words}” ({count})',
  'search.empty': 'Nothing found for “{words}”.',
  'search.too_long': 'A search can have at most {words} words and {chars} characters. Pick a few of the words.',
  'search.no_terms': '“{words}” has no words to search for: search skips small words (like “och” and “att”), signs and emoji. Try other words.',
  'search.source_meeting': 'Meeting {id}',
  'search.source_planned': 'Meeting {id} (planned)',
  'search.source_decision': 'Decision in {meeting} “{title}”',
  'search.source_action': 'Action item {id} ({meeting})',
  'search.source_note': 'Note {id}',
  'search.source_meeting_note': 'Note {id} ({meeting})',
  'search.showing': 'Showing the best {shown} of {total}. Add words to narrow down.',
  'search.hint': 'The whole meeting: `meeting show <id>`. Search a phrase with "quotes", leave a word out with -word.',
};
