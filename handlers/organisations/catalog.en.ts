import type { organisationsCatalogSv } from './catalog.sv.js';

export const organisationsCatalogEn: Record<keyof typeof organisationsCatalogSv, string> = {
  'org.number_invalid': '“{org}” is not a valid organisation number (10 digits, e.g. 556677-8899).',
  'org.name_what': "the organisation's name",
  'org.added': 'The organisation {name} ({org}, {type}) has been added.',
  'org.exists': 'The organisation {org} already exists as {name}. Nothing was changed.',
  'org.list_title': 'Organisations ({count})',
  'org.list_title_type': 'Organisations, {type} ({count})',
  'org.list_item': '{name} – org. no. {org} – {type}',
  'org.list_empty': 'No organisations yet. Add one with `/loket org add <org number> <name> type:<type>`.',
  'org.list_empty_type': 'No organisations of type {type} yet. All of them: `/loket org list`.',
  'helix.company': 'company',
  'helix.academia': 'academia',
  'helix.public': 'public sector',
  'helix.research': 'research institute',
  'helix.civil': 'civil society',
};
