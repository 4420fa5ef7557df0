// Connecting workspaces and people to the programme (docs/architecture.md "Commands").
import { word } from '../core/arg-types.js';
import { defineCommand, positional } from '../core/spec.js';
import { programmeJoin } from './programme-join.js';

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
];
