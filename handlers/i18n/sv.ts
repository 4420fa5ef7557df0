import { clustersCatalogSv } from '../clusters/catalog.sv.js';
import { exchangeCatalogSv } from '../exchange/catalog.sv.js';
import { knowledgeCatalogSv } from '../knowledge/catalog.sv.js';
import { captureCatalogSv } from '../capture/catalog.sv.js';
import { meetingsCatalogSv } from '../meetings/catalog.sv.js';
import { organisationsCatalogSv } from '../organisations/catalog.sv.js';
import { plansCatalogSv } from '../plans/catalog.sv.js';
import { programmeCatalogSv } from '../programme/catalog.sv.js';
import { reportsCatalogSv } from '../reports/catalog.sv.js';
import { weeklyCatalogSv } from '../weekly/catalog.sv.js';
import { grammarSv } from '../core/catalog.sv.js';
import { exchangeSv } from '../exchange/catalog.outbox.sv.js';
import { privacySv } from '../privacy/catalog.sv.js';
import { reliabilitySv } from '../core/catalog.reliability.sv.js';
import { dashboardSv } from '../dashboard/catalog.sv.js';
import { homeSv } from '../programme/catalog.home.sv.js';
import { auditSv } from '../reports/catalog.audit.sv.js';
import { continuitySv } from '../continuity/catalog.sv.js';
import { assessmentCatalogSv } from '../assessment/catalog.sv.js';
import { agendaCatalogSv } from '../agenda/catalog.sv.js';
// Swedish is the default language. This file joins the core's and the features' catalogs (each feature's
// catalog.sv.ts lives in its folder) and holds the few messages every part shares. Keys are dotted codes;
// `{name}` placeholders must match en.ts (a test checks).
export const sv = {
  'error.generic': 'Något gick fel hos LOKET. Försök igen om en stund.',
  'error.example': 'Exempel: {example}',
  'workspace.not_connected':
    'Den här arbetsytan är inte ansluten till något LOKET-program ännu. Be programmets projektledare skriva `program bjud-in` och skriv sedan `/loket program anslut <kod>` här.',
  'verb.unknown': 'Jag känner inte igen ”{verb}”.',
  'verb.suggestion': 'Menade du {verb}? Exempel: {example}',
  'verb.stray_line': 'Raderna `beslut:`, `åtgärd:` och `anteckning:` hör till ett möte och skickas i samma meddelande som `möte …`. I konsolen avslutar du raden före med `\\` så fortsätter meddelandet, t.ex. `möte Styrgrupp kluster:Rymd \\`.',
  'verb.help_hint': 'Skriv `/loket hjälp` för att se alla kommandon.',
  'verb.greeting': 'Hej! Skriv `/loket hjälp` så ser du vad jag kan hjälpa till med.',
  'verb.thanks': 'Varsågod! Skriv `/loket hjälp` om du vill se vad mer jag kan göra.',
  'verb.help_verb_hint': 'Skriv `/loket hjälp <kommando>` för hur det skrivs och ett exempel.',
  'permission.denied': 'Du får inte köra `{verb}`. Det kan: {roles}.',
  'help.title': 'LOKET – kommandon',
  'help.intro': 'Välj ett område, eller skriv `/loket hjälp <kommando>`.',
  'help.usage': 'Så skriver du',
  'help.example': 'Exempel',
  'help.who': 'Vem',
  'help.everyone': 'alla',
  'args.missing': 'Det saknas {what}.',
  'code.what': 'en kod',
  'person.what': 'en person (@namn)',
  'person.not_found': 'Jag känner inte till ”{person}” i programmet. Nämn personen med @ så att plattformen känner igen hen, eller be hen skriva något till LOKET först.',
  'person.ambiguous': 'Flera personer heter ”{person}”. Nämn personen med @ från plattformens lista.',
  // Meetings, decisions, action items, notes and search (issue 4).
  'date.invalid': '”{value}” är inget giltigt datum{key, select, positional {} other { för `{key}:`}}. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-02.',
  'date.range_invalid': 'Från-datumet {from} ligger efter till-datumet {to}.',
  'id.invalid': '”{id}” är inget id av rätt slag här. Skriv t.ex. {expected}.',
  'id.meeting_what': 'ett mötes-id (t.ex. M12)',
  'id.action_what': 'ett åtgärds-id (t.ex. A34)',
  'id.note_what': 'ett anteckningsid (t.ex. N5)',
  ...homeSv,
  ...reliabilitySv,
  ...dashboardSv,
  ...exchangeSv,
  ...auditSv,
  ...continuitySv,
  ...assessmentCatalogSv,
  ...agendaCatalogSv,
  ...privacySv,
  ...grammarSv,
  ...clustersCatalogSv,
  ...exchangeCatalogSv,
  ...knowledgeCatalogSv,
  ...captureCatalogSv,
  ...meetingsCatalogSv,
  ...organisationsCatalogSv,
  ...plansCatalogSv,
  ...programmeCatalogSv,
  ...reportsCatalogSv,
  ...weeklyCatalogSv,
} as const;

export type MessageKey = keyof typeof sv;
