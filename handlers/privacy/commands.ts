// What LOKET stores about people, taking it out, being forgotten, and the PM's legal holds
// (docs/architecture.md "Commands"; issue 10).
import { enumOf, id, text, word } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { exportMe } from './export-me.js';
import { forgetMe } from './forget-me.js';
import { hold, holdExample, holdRelease, holdReleaseExample, privacyFlags } from './hold.js';
import { privacy, privacyAll } from './privacy.js';

/** Any record a hold can be put on: meetings, actions, notes, exchanges, plan gaps and plan actions. */
const heldRecord = () => positional.required(id('M', 'A', 'N', 'X', 'G', 'P'), { what: 'privacy.hold_what' });

export const privacyCommands = [
  // Everyone may learn what is stored about them, take it out and ask to be forgotten: these are every
  // data subject's rights and act only on the asker's own data.
  defineCommand({
    verb: 'privacy',
    aliases: ['integritet', 'dataskydd'],
    group: 'privacy',
    summary: { sv: 'vad LOKET lagrar om dig, varför, hur länge och vem som ser det', en: 'what LOKET stores about you, why, for how long and who sees it' },
    args: {},
    roles: 'everyone',
    example: 'privacy',
    handler: privacy,
  }),
  // `privacy` fits a phone screen; the full account is one command (or its button) away (issue 20).
  defineCommand({
    verb: 'privacy all',
    aliases: ['integritet allt', 'integritet alla', 'dataskydd allt', 'privacy alla'],
    group: 'privacy',
    summary: { sv: 'allt om dina uppgifter: vad som lagras per kategori, ändamål, gallring och vad LOKET inte kan ta tillbaka', en: 'everything about your data: what is stored per category, purposes, retention and what LOKET cannot recall' },
    args: {},
    roles: 'everyone',
    example: { sv: 'integritet allt', en: 'privacy all' },
    handler: privacyAll,
  }),
  defineCommand({
    verb: 'export me',
    aliases: ['exportera mig', 'mina-data', 'my-data'],
    group: 'privacy',
    summary: { sv: 'ta ut allt LOKET har om dig (JSON och CSV)', en: 'take out everything LOKET holds about you (JSON and CSV)' },
    args: {},
    roles: 'everyone',
    example: 'export me',
    handler: exportMe,
  }),
  defineCommand({
    verb: 'forget-me',
    aliases: ['glöm-mig', 'glom-mig'],
    group: 'privacy',
    summary: { sv: 'bli glömd: ditt namn och dina uppgifter ersätts av en pseudonym', en: 'be forgotten: your name and details are replaced by a pseudonym' },
    // `forget-me` asks; `forget-me confirm <code>` (the button sends it) erases.
    args: {
      confirm: positional.optional(enumOf({ confirm: { sv: ['bekräfta'], also: ['bekrafta'] } }, 'bekräfta', 'confirm')),
      code: positional.optional(word('kod', 'code'), { what: 'code.what' }),
    },
    roles: 'everyone',
    example: 'forget-me',
    handler: forgetMe,
  }),
  // Holds stop erasure and retention for the programme's records, and the review flags point at other
  // people's erased names: the PM's, who answers for the programme's records.
  defineCommand({
    verb: 'hold',
    aliases: ['spärr', 'sparr'],
    group: 'privacy',
    summary: { sv: 'sätt en juridisk spärr på en post så att radering och gallring hoppar över den', en: 'put a record under legal hold so erasure and retention skip it' },
    args: {
      record: heldRecord(),
      reason: option('reason', ['skäl', 'orsak', 'skal'], text('skäl', 'reason'), { required: true, what: 'privacy.reason_what' }),
    },
    roles: ['manager'],
    example: holdExample,
    handler: hold,
  }),
  defineCommand({
    verb: 'hold release',
    aliases: ['spärr häv', 'sparr hav'],
    group: 'privacy',
    summary: { sv: 'häv en juridisk spärr', en: 'release a legal hold' },
    args: { record: heldRecord() },
    roles: ['manager'],
    example: holdReleaseExample,
    handler: holdRelease,
  }),
  defineCommand({
    verb: 'privacy flags',
    aliases: ['integritet flaggor', 'integritet spärrar'],
    group: 'privacy',
    summary: { sv: 'spärrar, väntande raderingar och fritext att granska efter ”glöm mig”', en: 'holds, pending erasures and free text to review after "forget me"' },
    // `privacy flags done` records that the listed texts were reviewed.
    args: { done: positional.optional(enumOf({ done: { sv: ['klar', 'klart'], also: ['gjort'] } }, 'klar', 'done')) },
    roles: ['manager'],
    example: 'privacy flags',
    handler: privacyFlags,
  }),
];
