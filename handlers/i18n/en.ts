import { clustersCatalogEn } from '../clusters/catalog.en.js';
import { exchangeCatalogEn } from '../exchange/catalog.en.js';
import { knowledgeCatalogEn } from '../knowledge/catalog.en.js';
import { captureCatalogEn } from '../capture/catalog.en.js';
import { meetingsCatalogEn } from '../meetings/catalog.en.js';
import { organisationsCatalogEn } from '../organisations/catalog.en.js';
import { plansCatalogEn } from '../plans/catalog.en.js';
import { programmeCatalogEn } from '../programme/catalog.en.js';
import { reportsCatalogEn } from '../reports/catalog.en.js';
import { weeklyCatalogEn } from '../weekly/catalog.en.js';
import { grammarEn } from '../core/catalog.en.js';
import { exchangeEn } from '../exchange/catalog.outbox.en.js';
import { privacyEn } from '../privacy/catalog.en.js';
import { reliabilityEn } from '../core/catalog.reliability.en.js';
import { dashboardEn } from '../dashboard/catalog.en.js';
import { homeEn } from '../programme/catalog.home.en.js';
import { auditEn } from '../reports/catalog.audit.en.js';
import type { MessageKey } from './sv.js';
import { continuityEn } from '../continuity/catalog.en.js';
import { assessmentCatalogEn } from '../assessment/catalog.en.js';
import { agendaCatalogEn } from '../agenda/catalog.en.js';

export const en: Record<MessageKey, string> = {
  'error.generic': 'Something went wrong in LOKET. Please try again in a moment.',
  'error.example': 'Example: {example}',
  'workspace.not_connected':
    "This workspace is not connected to a LOKET programme yet. Ask the programme's project manager to run `programme invite`, then type `/loket programme join <code>` here.",
  'verb.unknown': "I don't recognise “{verb}”.",
  'verb.suggestion': 'Did you mean {verb}? Example: {example}',
  'verb.stray_line': 'The lines `decision:`, `action:` and `note:` belong to a meeting and go in the same message as `meeting …`. In the console, end the line before with `\\` to continue the message, e.g. `meeting Board cluster:Rymd \\`.',
  'verb.help_hint': 'Type `/loket help` to see every command.',
  'verb.greeting': 'Hi! Type `/loket help` to see what I can help with.',
  'verb.thanks': "You're welcome! Type `/loket help` to see what else I can do.",
  'verb.help_verb_hint': 'Type `/loket help <command>` for how to write it and an example.',
  'permission.denied': 'You may not run `{verb}`. Who can: {roles}.',
  'help.title': 'LOKET – commands',
  'help.intro': 'Pick an area, or type `/loket help <command>`.',
  'help.usage': 'How to write it',
  'help.example': 'Example',
  'help.who': 'Who',
  'help.everyone': 'everyone',
  'args.missing': 'Missing: {what}.',
  'code.what': 'a code',
  'person.what': 'a person (@name)',
  'person.not_found': 'I do not know “{person}” in this programme. Mention them with @ so the platform recognises them, or ask them to write to LOKET first.',
  'person.ambiguous': "Several people are called “{person}”. Mention the person with @ from the platform's list.",
  // Meetings, decisions, action items, notes and search (issue 4).
  'date.invalid': '“{value}” is not a valid date{key, select, positional {} other { for `{key}:`}}. Write dates as YYYY-MM-DD, e.g. 2026-03-02.',
  'date.range_invalid': 'The from date {from} is after the to date {to}.',
  'id.invalid': '“{id}” is not the right kind of id here. Write e.g. {expected}.',
  'id.meeting_what': 'a meeting id (e.g. M12)',
  'id.action_what': 'an action item id (e.g. A34)',
  'id.note_what': 'a note id (e.g. N5)',
  ...homeEn,
  ...reliabilityEn,
  ...dashboardEn,
  ...exchangeEn,
  ...auditEn,
  ...continuityEn,
  ...assessmentCatalogEn,
  ...agendaCatalogEn,
  ...privacyEn,
  ...grammarEn,
  ...clustersCatalogEn,
  ...exchangeCatalogEn,
  ...knowledgeCatalogEn,
  ...captureCatalogEn,
  ...meetingsCatalogEn,
  ...organisationsCatalogEn,
  ...plansCatalogEn,
  ...programmeCatalogEn,
  ...reportsCatalogEn,
  ...weeklyCatalogEn,
};
