import { t, type MessageKey } from './i18n/index.js';
import { defineCommand, type CommandSpec } from './core/spec.js';
import { legacyRoles } from './core/access.js';
import type { Handler } from './core/context.js';
import { claim } from './programme/claim.js';
import { orgAdd } from './organisations/org-add.js';
import { profile } from './programme/profile.js';
import { programmeInvite } from './programme/programme-invite.js';
import { role } from './programme/role.js';
import { whoami } from './programme/whoami.js';
import { addNote } from './knowledge/add-note.js';
import { completeAction } from './meetings/complete-action.js';
import { deleteMeeting } from './meetings/delete-meeting.js';
import { editMeeting } from './meetings/edit-meeting.js';
import { listActions } from './meetings/list-actions.js';
import { listMeetings } from './meetings/list-meetings.js';
import { logMeeting } from './meetings/log-meeting.js';
import { search } from './knowledge/search.js';
import { shareMeeting } from './meetings/share-meeting.js';
import { showMeeting } from './meetings/show-meeting.js';
import { away } from './weekly/away.js';
import { digestHere, digestOff, digestPreview } from './weekly/digest-subscribe.js';
import { progress } from './weekly/progress.js';
import { progressMissing, progressShow } from './weekly/progress-views.js';
import { boardAdd } from './programme/board-add.js';
import { exportReport } from './reports/export.js';
import { planAction, planActionExample } from './plans/plan-action.js';
import { planDone } from './plans/plan-done.js';
import { planGap, planGapExample } from './plans/plan-gap.js';
import { planReview } from './plans/plan-review.js';
import { planShow } from './plans/plan-show.js';
import { status, statusExample } from './reports/status.js';
import { target } from './reports/target.js';
import { exchangeAccept, exchangeDecline } from './exchange/exchange-answer.js';
import { exchangeDone } from './exchange/exchange-done.js';
import { exchangeList } from './exchange/exchange-list.js';
import { exchangePause, exchangeResume } from './exchange/exchange-pause.js';
import { exchangeNeed, exchangeNeedExample, exchangeOffer, exchangeOfferExample } from './exchange/exchange-post.js';
import { exchangeRound } from './exchange/exchange-round.js';
import { dashboard, dashboardRevoke } from './dashboard/dashboard.js';
import { audit, auditExample } from './reports/audit.js';
import { handover, handoverExample } from './continuity/handover.js';
import { handoverPack, handoverPackExample } from './continuity/handover-pack-command.js';
import { archiveExport, archiveExample } from './continuity/archive.js';
import { noteReview, noteReviewExample } from './continuity/note-review.js';

import { privacy } from './privacy/privacy.js';
import { exportMe } from './privacy/export-me.js';
import { forgetMe } from './privacy/forget-me.js';
import { hold, holdExample, holdRelease, holdReleaseExample, privacyFlags } from './privacy/hold.js';

interface VerbEntry {
  verb: string;
  /** Swedish (and other) ways to say the same verb; matched like the verb itself. */
  aliases: string[];
  usage: string;
  example: string;
  /** Absent for verbs the core handles itself (`programme join` runs before there is a programme). */
  handler?: Handler;
}

/** The one dispatch table: parsing, help, permissions (access.ts) and the platform manifests follow it. */
export const verbs: VerbEntry[] = [
  { verb: 'whoami', aliases: ['vem', 'vemärjag'], usage: 'whoami', example: 'whoami', handler: whoami },
  { verb: 'claim', aliases: ['anspråk'], usage: 'claim <code>', example: 'claim K7Q2-9XPM', handler: claim },
  { verb: 'role', aliases: ['roll'], usage: 'role @person manager|board', example: 'role @anna manager', handler: role },
  { verb: 'programme invite', aliases: ['program bjud-in', 'program inbjudan', 'program invite'], usage: 'programme invite', example: 'programme invite', handler: programmeInvite },
  { verb: 'profile', aliases: ['profil'], usage: 'profile [org:<org number>] [gender:woman|man|other|unspecified] [lang:sv|en]', example: 'profile org:556677-8899 lang:en', handler: profile },
  { verb: 'org add', aliases: ['org ny', 'organisation ny', 'organisation add'], usage: 'org add <org number> <name> type:company|academia|public|research|civil', example: 'org add 556677-8899 "Norrbotten Space AB" type:company', handler: orgAdd },
  { verb: 'meeting', aliases: ['möte', 'mote'], usage: 'meeting <title> [date:YYYY-MM-DD] [cluster:<name>[,<name>]] [kind:<kind>] [with:@a,@b] [orgs:<org numbers>] + lines decision: … / action: @owner … due:YYYY-MM-DD / note: …', example: 'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd kind:board', handler: logMeeting },
  { verb: 'meeting show', aliases: ['möte visa', 'mote visa'], usage: 'meeting show <id>', example: 'meeting show M12', handler: showMeeting },
  { verb: 'meeting share', aliases: ['möte dela', 'mote dela'], usage: 'meeting share <id>', example: 'meeting share M12', handler: shareMeeting },
  { verb: 'meeting edit', aliases: ['möte ändra', 'mote andra', 'möte redigera'], usage: 'meeting edit <id> [title] [date:YYYY-MM-DD] [kind:<kind>]', example: 'meeting edit M12 "Styrgrupp april" date:2026-04-06', handler: editMeeting },
  { verb: 'meeting delete', aliases: ['möte radera', 'mote radera', 'möte ta-bort'], usage: 'meeting delete <id>', example: 'meeting delete M12', handler: deleteMeeting },
  { verb: 'meetings', aliases: ['möten', 'moten'], usage: 'meetings [cluster] [from:YYYY-MM-DD] [to:YYYY-MM-DD]', example: 'meetings Rymd from:2026-01-01', handler: listMeetings },
  { verb: 'actions', aliases: ['åtgärder', 'atgarder', 'action'], usage: 'actions [mine|<cluster>|all]', example: 'actions Rymd', handler: listActions },
  { verb: 'done', aliases: ['klar', 'klart'], usage: 'done <action id> [comment]', example: 'done A34 Lokalen är bokad', handler: completeAction },
  { verb: 'note', aliases: ['anteckning', 'notera'], usage: 'note <cluster> <text>', example: 'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.', handler: addNote },
  { verb: 'search', aliases: ['sök', 'sok'], usage: 'search <words>', example: 'search möte styrgrupp', handler: search },
  // Weekly rhythm (issue 5): progress notes, absences and digest subscriptions.
  { verb: 'progress', aliases: ['veckorapport', 'läge', 'lage'], usage: 'progress [cluster:<name>] done: … next: … blockers: … need: … [mood:green|yellow|red]', example: 'progress done: Workshop med Kiruna kommun next: Ansökan till Vinnova mood:green', handler: progress },
  { verb: 'progress show', aliases: ['veckorapport visa', 'läge visa', 'lage visa'], usage: 'progress show [cluster] [weeks:N]', example: 'progress show Rymd weeks:4', handler: progressShow },
  { verb: 'progress missing', aliases: ['veckorapport saknas', 'läge saknas', 'lage saknas'], usage: 'progress missing', example: 'progress missing', handler: progressMissing },
  { verb: 'away', aliases: ['borta', 'ledig'], usage: 'away <from> <to>', example: 'away 2026-07-06 2026-08-07', handler: away },
  { verb: 'digest here', aliases: ['sammanfattning här', 'sammanfattning har'], usage: 'digest here [day:mon..sun] [time:HH:MM] [lang:sv|en]', example: 'digest here day:fri time:14:00 lang:sv', handler: digestHere },
  { verb: 'digest off', aliases: ['sammanfattning av'], usage: 'digest off', example: 'digest off', handler: digestOff },
  { verb: 'digest preview', aliases: ['sammanfattning visa', 'digest'], usage: 'digest preview', example: 'digest preview', handler: digestPreview },
  // Development plans, advisory board, status, targets and exports (issue 6).
  { verb: 'plan', aliases: ['utvecklingsplan'], usage: 'plan [cluster]', example: 'plan Rymd', handler: planShow },
  { verb: 'plan gap', aliases: ['plan brist', 'plan lucka'], usage: 'plan gap <cluster> area:structure|governance|financing|services|cooperation|recognition|strategy <text>', example: planGapExample, handler: planGap },
  { verb: 'plan action', aliases: ['plan åtgärd', 'plan atgard'], usage: 'plan action <gap id> <text> owner:@person due:YYYY-MM-DD', example: planActionExample, handler: planAction },
  { verb: 'plan done', aliases: ['plan klar'], usage: 'plan done <plan action id>', example: 'plan done P9', handler: planDone },
  { verb: 'plan review', aliases: ['plan granska', 'plan översyn', 'plan oversyn'], usage: 'plan review <cluster>', example: 'plan review Rymd', handler: planReview },
  { verb: 'board add', aliases: ['styrgrupp lägg-till', 'styrgrupp ny', 'board ny'], usage: 'board add @person', example: 'board add @karin', handler: boardAdd },
  { verb: 'status', aliases: ['översikt', 'oversikt'], usage: 'status [cluster|all] [from:YYYY-MM-DD] [to:YYYY-MM-DD]', example: statusExample, handler: status },
  { verb: 'target', aliases: ['mål', 'mal'], usage: 'target activities|organisations|companies|participants|women|men|exchanges|competence <value>', example: 'target companies 40', handler: target },
  { verb: 'export', aliases: ['exportera'], usage: 'export [cluster] [format:csv|json] [from:YYYY-MM-DD] [to:YYYY-MM-DD]', example: 'export format:csv from:2026-01-01 to:2026-03-31', handler: exportReport },
  // Peer exchange (issue 7): needs and offers, matched proposals, introductions and learnings.
  { verb: 'exchange need', aliases: ['utbyte behov', 'utbyte behöver'], usage: 'exchange need <topic> [tags:<tag>,<tag>] [cluster:<name>]', example: exchangeNeedExample, handler: exchangeNeed },
  { verb: 'exchange offer', aliases: ['utbyte erbjud', 'utbyte erbjudande'], usage: 'exchange offer <topic> [tags:<tag>,<tag>] [cluster:<name>]', example: exchangeOfferExample, handler: exchangeOffer },
  { verb: 'exchange list', aliases: ['utbyte lista', 'utbyte', 'exchange'], usage: 'exchange list [mine|open]', example: 'exchange list mine', handler: exchangeList },
  { verb: 'exchange accept', aliases: ['utbyte ja', 'utbyte acceptera'], usage: 'exchange accept <exchange id>', example: 'exchange accept X7', handler: exchangeAccept },
  { verb: 'exchange decline', aliases: ['utbyte nej', 'utbyte avböj', 'utbyte avboj'], usage: 'exchange decline <exchange id> [reason]', example: 'exchange decline X7 Hinner inte före sommaren', handler: exchangeDecline },
  { verb: 'exchange done', aliases: ['utbyte klart', 'utbyte klar'], usage: 'exchange done <exchange id> learned: <what you learned>', example: 'exchange done X7 learned: Börja med en skiss på en sida.', handler: exchangeDone },
  { verb: 'exchange pause', aliases: ['utbyte paus', 'utbyte pausa'], usage: 'exchange pause <weeks>', example: 'exchange pause 4', handler: exchangePause },
  { verb: 'exchange resume', aliases: ['utbyte återuppta', 'utbyte fortsätt'], usage: 'exchange resume', example: 'exchange resume', handler: exchangeResume },
  { verb: 'exchange round', aliases: ['utbyte runda'], usage: 'exchange round', example: 'exchange round', handler: exchangeRound },
  // Web view (issue 12): a signed, expiring link to the programme's charts; revoke retires every link handed out.
  { verb: 'dashboard', aliases: ['webbvy', 'översiktssida'], usage: 'dashboard', example: 'dashboard', handler: dashboard },
  { verb: 'dashboard revoke', aliases: ['webbvy återkalla', 'webbvy stäng', 'links revoke', 'länkar återkalla'], usage: 'dashboard revoke', example: 'dashboard revoke', handler: dashboardRevoke },
  // Audit (issue 9): who created, changed, deleted, exported or handed over what, and when.
  { verb: 'audit', aliases: ['granskning', 'logg', 'revision'], usage: 'audit [from:YYYY-MM-DD] [to:YYYY-MM-DD] [cluster]', example: auditExample, handler: audit },
  // Knowledge continuity (issue 11): hand a cluster over with a pack, mark knowledge reviewed, archive the programme.
  { verb: 'handover', aliases: ['överlämna', 'overlamna', 'lämna-över', 'lamna-over'], usage: 'handover <cluster> to:@person [from:@person]', example: handoverExample, handler: handover },
  { verb: 'handover pack', aliases: ['överlämna paket', 'overlamna paket', 'överlämning paket'], usage: 'handover pack <cluster>', example: handoverPackExample, handler: handoverPack },
  { verb: 'note review', aliases: ['note keep', 'anteckning granskad', 'anteckning behåll', 'anteckning behall'], usage: 'note review <note id>', example: noteReviewExample, handler: noteReview },
  { verb: 'archive export', aliases: ['arkiv exportera', 'arkiv export', 'arkivera'], usage: 'archive export [cluster]', example: archiveExample, handler: archiveExport },
  // Privacy (issue 10): what is stored and why, take it out, be forgotten; legal holds and review flags for the PM.
  { verb: 'privacy', aliases: ['integritet', 'dataskydd'], usage: 'privacy', example: 'privacy', handler: privacy },
  { verb: 'export me', aliases: ['my-data', 'mina-data', 'exportera mig'], usage: 'export me', example: 'export me', handler: exportMe },
  { verb: 'forget-me', aliases: ['glöm-mig', 'glom-mig'], usage: 'forget-me [confirm <code>]', example: 'forget-me', handler: forgetMe },
  { verb: 'hold', aliases: ['spärr', 'sparr'], usage: 'hold <id> reason:<why>', example: holdExample, handler: hold },
  { verb: 'hold release', aliases: ['spärr häv', 'sparr hav'], usage: 'hold release <id>', example: holdReleaseExample, handler: holdRelease },
  { verb: 'privacy flags', aliases: ['integritet flaggor', 'integritet spärrar'], usage: 'privacy flags [done]', example: 'privacy flags', handler: privacyFlags },
];

// TRANSITION ONLY: the commands whose feature does not declare them yet, read as before. Each feature
// moves its entries into its own commands.ts; this file goes when the list is empty.
const LEGACY_KEYS: ReadonlySet<string> = new Set([
  'date', 'cluster', 'due', 'kind', 'sector', 'type', 'org', 'orgs', 'with', 'from', 'to', 'format', 'lang',
  'gender', 'area', 'owner', 'day', 'time', 'weeks', 'learned', 'done', 'next', 'blockers', 'need', 'reason',
  'mood', 'tags', 'title', 'name', 'note',
]);

export const legacyCommands: CommandSpec[] = verbs.map((entry) =>
  defineCommand({ verb: entry.verb, aliases: entry.aliases, group: 'admin', summary: summaryOf(entry.verb), args: {}, roles: legacyRoles[entry.verb] ?? 'everyone', example: entry.example, legacyKeys: LEGACY_KEYS, handler: entry.handler! }),
);

function summaryOf(verb: string) {
  return { sv: t('sv', `summary.${verb}` as MessageKey), en: t('en', `summary.${verb}` as MessageKey) };
}
