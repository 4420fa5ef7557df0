import { text, textLimits } from '../core/arg-types.js';
import { defineCommand, positional } from '../core/spec.js';
import { help } from './help.js';

export const helpCommands = [
  defineCommand({
    verb: 'help',
    aliases: ['hjälp', 'hjalp', '?'],
    group: 'start',
    summary: { sv: 'visar vad LOKET kan, område för område', en: 'shows what LOKET does, area by area' },
    args: { topic: positional.optionalRest(text('område eller kommando', 'area or command', textLimits.title)) },
    roles: 'everyone',
    example: { sv: 'help möten', en: 'help meetings' },
    menu: true,
    handler: help,
  }),
];
