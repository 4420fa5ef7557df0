// What the organisations feature says, in Swedish. Keys and placeholders must match catalog.en.ts (a test checks).
export const organisationsCatalogSv = {
  'org.number_invalid': '”{org}” är inget giltigt organisationsnummer (10 siffror, t.ex. 556677-8899).',
  'org.name_what': 'organisationens namn',
  'org.added': 'Organisationen {name} ({org}, {type}) är tillagd.',
  'org.exists': 'Organisationen {org} finns redan som {name}. Inget ändrades.',
  'org.list_title': 'Organisationer ({count})',
  'org.list_title_type': 'Organisationer, {type} ({count})',
  'org.list_item': '{name} – org.nr {org} – {type}',
  'org.list_empty': 'Inga organisationer ännu. Lägg till en med `/loket org ny <organisationsnummer> <namn> typ:<typ>`.',
  'org.list_empty_type': 'Inga organisationer av typen {type} ännu. Alla: `/loket org lista`.',
  'helix.company': 'företag',
  'helix.academia': 'akademi',
  'helix.public': 'offentlig sektor',
  'helix.research': 'forskningsinstitut',
  'helix.civil': 'civilsamhälle',
} as const;
