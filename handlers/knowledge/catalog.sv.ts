// What the knowledge feature says, in Swedish. Keys and placeholders must match catalog.en.ts (a test checks).
export const knowledgeCatalogSv = {
  'note.not_member': 'Bara medlemmar i {cluster} och projektledare kan skriva anteckningar där.',
  'note.text_what': 'en text till anteckningen',
  'note.saved': 'Anteckningen {id} är sparad i {cluster}. Alla i programmet hittar den med `sök`.',
  'search.words_what': 'något att söka efter',
  'search.title': 'Träffar för ”{words}” ({count})',
  'search.empty': 'Inga träffar för ”{words}”.',
  'search.too_long': 'En sökning kan ha högst {words} ord och {chars} tecken. Välj några av orden.',
  'search.no_terms': '”{words}” har inga ord att söka på: sökningen hoppar över småord (som ”och” och ”att”), tecken och emoji. Prova med andra ord.',
  'search.source_meeting': 'Möte {id}',
  'search.source_planned': 'Möte {id} (planerat)',
  'search.source_decision': 'Beslut i {meeting} ”{title}”',
  'search.source_action': 'Åtgärd {id} ({meeting})',
  'search.source_note': 'Anteckning {id}',
  'search.source_meeting_note': 'Anteckning {id} ({meeting})',
  'search.showing': 'Visar de {shown} bästa av {total}. Lägg till ord för att smalna av.',
  'search.hint': 'Hela mötet: `möte visa <id>`. Sök en fras med ”citattecken”, uteslut ett ord med -ord.',
} as const;
