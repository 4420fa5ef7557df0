// The organisations that take part, de-duplicated by organisation number (docs/architecture.md "Commands").
import type { HelixType } from '../../db/schema/index.js';
import { enumOf, organisation, text, textLimits } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { orgAdd } from './org-add.js';
import { orgList } from './org-list.js';

/** The helix an organisation belongs to, in English and Swedish. */
export const helixWord = enumOf<HelixType>(
  {
    company: { sv: ['företag'], also: ['foretag'] },
    academia: { sv: ['akademi', 'lärosäte'], also: ['larosate'] },
    public: { sv: ['offentlig'] },
    research: { sv: ['forskningsinstitut', 'forskning'] },
    civil: { sv: ['civilsamhälle', 'ideell'], also: ['civilsamhalle'] },
  },
  'typ',
  'type',
);

export const organisationCommands = [
  defineCommand({
    verb: 'org add',
    aliases: ['org ny', 'organisation ny', 'organisation add'],
    group: 'admin',
    summary: { sv: 'lägger till en organisation med organisationsnummer', en: 'adds an organisation by its organisation number' },
    args: {
      number: positional.required(organisation()),
      name: positional.rest(text('namn', 'name', textLimits.name), { what: 'org.name_what' }),
      type: option('type', ['typ'], helixWord, { required: true }),
    },
    roles: ['manager', 'leader'],
    example: { sv: 'org add 556677-8899 "Norrbotten Space AB" typ:företag', en: 'org add 556677-8899 "Norrbotten Space AB" type:company' },
    handler: orgAdd,
  }),
  defineCommand({
    verb: 'org list',
    aliases: ['org lista', 'organisation lista', 'organisation list', 'orgs'],
    group: 'admin',
    summary: { sv: 'listar programmets organisationer, valfritt av en typ', en: "lists the programme's organisations, optionally of one type" },
    args: { type: positional.optional(helixWord) },
    // Which organisations take part is shared programme knowledge (names and public organisation numbers),
    // needed by everyone who writes `profile org:` or a meeting's `orgs:`.
    roles: 'everyone',
    example: { sv: 'org list företag', en: 'org list company' },
    handler: orgList,
  }),
];
