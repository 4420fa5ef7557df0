import type { organisationsCatalogSv } from './catalog.sv.js';

export const organisationsCatalogEn: Record<keyof typeof organisationsCatalogSv, string> = {
  'org.number_invalid': '“{org}” is not a valid organisation number (10 digits, e.g. 556677-8899).',
  'org.name_what': "The organisation's name",
  'org.added': 'The organisation {name} ({org}, {type}) has been added.',
  'org.exists': 'The organisation {org} already exists as {name}. Nothing was changed.',
  'helix.company': 'company',
  'helix.academia': 'academia',
  'helix.public': 'public sector',
  'helix.research': 'research institute',
  'helix.civil': 'civil society',
};
