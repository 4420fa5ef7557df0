// Connecting workspaces and people to the programme (docs/architecture.md "Commands").
import type { Gender } from '../../db/schema/index.js';
import { enumOf, organisation, person, word } from '../core/arg-types.js';
import { defineCommand, option, positional, type ArgType } from '../core/spec.js';
import { boardAdd } from './board-add.js';
import { claim } from './claim.js';
import { profile } from './profile.js';
import { programmeInvite } from './programme-invite.js';
import { programmeJoin } from './programme-join.js';
import { role } from './role.js';
import { whoami } from './whoami.js';

/** The programme-level roles `role` gives, in English and Swedish. */
export const programmeRoleWord = enumOf(
  { manager: { sv: ['projektledare'] }, board: { sv: ['styrgrupp', 'rådgivande'], also: ['radgivande'] } },
  'roll',
  'role',
);

const genderWords = enumOf<Gender>(
  { woman: { sv: ['kvinna'] }, man: { sv: ['man'] }, other: { sv: ['annat'] }, unspecified: { sv: ['ospecificerat'] } },
  'kön',
  'gender',
);

/** Self-declared gender; a wrong word is refused with why it is asked at all (it is optional, for statistics). */
export const genderWord: ArgType<Gender> = {
  ...genderWords,
  parse: (value, quoted) => {
    const parsed = genderWords.parse(value, quoted);
    return parsed.ok ? parsed : { ok: false, problem: { code: 'profile.gender_invalid', params: { value: value.trim() } } };
  },
};

/** The reply language a person chooses. */
export const languageWord = enumOf({ sv: { sv: ['svenska'], also: ['swedish'] }, en: { sv: ['engelska'], also: ['english'] } }, 'språk', 'language');

export const programmeCommands = [
  defineCommand({
    verb: 'programme join',
    aliases: ['program anslut', 'program join'],
    group: 'admin',
    summary: { sv: 'ansluter den här arbetsytan till programmet med en inbjudningskod', en: 'connects this workspace to the programme with an invite code' },
    args: { code: positional.required(word('kod', 'code'), { what: 'code.what' }) },
    // Runs before the workspace has a programme; possession of the PM's invite code is the authority.
    roles: 'everyone',
    example: 'programme join K7Q2-9XPM',
    workspaceHandler: ({ args, workspace, language, repos, clock }) => programmeJoin({ code: args.code, workspace, language, repos, clock }),
  }),
  defineCommand({
    verb: 'whoami',
    aliases: ['vem', 'vemärjag'],
    group: 'start',
    summary: { sv: 'visar vem LOKET tror att du är och dina roller', en: 'shows who LOKET thinks you are and your roles' },
    args: {},
    roles: 'everyone',
    example: 'whoami',
    handler: whoami,
  }),
  defineCommand({
    verb: 'claim',
    aliases: ['anspråk'],
    group: 'admin',
    summary: { sv: 'gör dig till projektledare med engångskoden från LOKET:s logg', en: "makes you project manager with the one-time code from LOKET's log" },
    args: { code: positional.required(word('kod', 'code'), { what: 'code.what' }) },
    // The one-time code itself is the authority.
    roles: 'everyone',
    example: 'claim K7Q2-9XPM',
    handler: claim,
  }),
  defineCommand({
    verb: 'role',
    aliases: ['roll'],
    group: 'admin',
    summary: { sv: 'ger en person rollen projektledare eller rådgivande styrgrupp', en: 'gives a person the project manager or advisory board role' },
    args: {
      person: positional.required(person()),
      role: positional.required(programmeRoleWord),
    },
    roles: ['manager'],
    example: { sv: 'role @anna projektledare', en: 'role @anna manager' },
    handler: role,
  }),
  defineCommand({
    verb: 'programme invite',
    aliases: ['program bjud-in', 'program inbjudan', 'program invite'],
    group: 'admin',
    summary: { sv: 'skapar en engångskod som ansluter en annan organisations arbetsyta', en: "creates a one-time code that connects another organisation's workspace" },
    args: {},
    roles: ['manager'],
    example: 'programme invite',
    handler: programmeInvite,
  }),
  defineCommand({
    verb: 'profile',
    aliases: ['profil'],
    group: 'start',
    summary: { sv: 'visar eller ändrar din profil: organisation, kön (frivilligt), språk', en: 'shows or changes your profile: organisation, gender (optional), language' },
    args: {
      org: option('org', ['organisation'], organisation()),
      gender: option('gender', ['kön', 'kon'], genderWord),
      lang: option('lang', ['språk', 'sprak'], languageWord),
    },
    roles: 'everyone',
    example: { sv: 'profile org:556677-8899 kön:kvinna språk:sv', en: 'profile org:556677-8899 gender:woman lang:en' },
    menu: true,
    handler: profile,
  }),
  // What people type when they want the other language (`språk engelska`, `language swedish`); the same change
  // as `profile lang:…`, which few find.
  defineCommand({
    verb: 'language',
    aliases: ['språk', 'sprak'],
    group: 'start',
    summary: { sv: 'byter språket LOKET svarar dig på (svenska eller engelska)', en: 'changes the language LOKET answers you in (Swedish or English)' },
    args: { lang: positional.required(languageWord) },
    roles: 'everyone',
    example: { sv: 'language engelska', en: 'language sv' },
    handler: (ctx) => profile({ ...ctx, args: { lang: ctx.args.lang } }),
  }),
  defineCommand({
    verb: 'board add',
    aliases: ['styrgrupp lägg-till', 'styrgrupp ny', 'board ny'],
    group: 'admin',
    summary: { sv: 'gör en person till ledamot i den rådgivande styrgruppen', en: 'makes a person a member of the advisory board' },
    args: { person: positional.required(person()) },
    // The advisory board is the programme's, so the PM appoints it (same as `role @x board`).
    roles: ['manager'],
    example: 'board add @karin',
    handler: boardAdd,
  }),
];
