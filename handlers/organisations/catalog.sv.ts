// What the organisations feature says, in Swedish. Keys and placeholders must match catalog.en.ts (a test checks).
export const organisationsCatalogSv = {
  'org.number_invalid': '”{org}” är inget giltigt organisationsnummer (10 siffror, t.ex. 556677-8899).',
  'org.name_what': 'organisationens namn',
  'org.added': 'Organisationen {name} ({org}, {type}) är tillagd.',
  'org.exists': 'Organisationen {org} finns redan som {name}. Inget ändrades.',
  'helix.company': 'företag',
  'helix.academia': 'akademi',
  'helix.public': 'offentlig sektor',
  'helix.research': 'forskningsinstitut',
  'helix.civil': 'civilsamhälle',
} as const;
