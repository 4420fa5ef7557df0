// Every command LOKET knows, joined from the features' declarations (docs/architecture.md "Commands").
// Adding a feature's commands here is all it takes for dispatch, roles, help and the manifests to know them.
import type { CoreDeps } from './core/run-command.js';
import { createCore } from './core/run-command.js';
import { createRegistry } from './core/registry.js';
import { commandTextInWords } from './core/reader-words.js';
import { setCommandWording } from './core/reply.js';
import { clusterCommands } from './clusters/commands.js';
import { knowledgeCommands } from './knowledge/commands.js';
import { captureCommands } from './capture/commands.js';
import { meetingCommands } from './meetings/commands.js';
import { helpCommands } from './help/commands.js';
import { programmeCommands } from './programme/commands.js';
import { organisationCommands } from './organisations/commands.js';
import { privacyCommands } from './privacy/commands.js';
import { exchangeCommands } from './exchange/commands.js';
import { continuityCommands } from './continuity/commands.js';
import { dashboardCommands } from './dashboard/commands.js';
import { weeklyCommands } from './weekly/commands.js';
import { planCommands } from './plans/commands.js';
import { reportCommands } from './reports/commands.js';
import { assessmentCommands } from './assessment/commands.js';
import { agendaCommands } from './agenda/commands.js';

export const commandRegistry = createRegistry([...helpCommands, ...programmeCommands, ...organisationCommands, ...privacyCommands, ...clusterCommands, ...meetingCommands, ...agendaCommands, ...knowledgeCommands, ...captureCommands, ...exchangeCommands, ...continuityCommands, ...dashboardCommands, ...weeklyCommands, ...planCommands, ...assessmentCommands, ...reportCommands]);

// Every command reference LOKET writes (commandRef) is in the reader's words.
setCommandWording((command, language) => commandTextInWords(commandRegistry, command, language));

/** The core with every command of LOKET. */
export function createLoketCore(deps: CoreDeps) {
  return createCore({ ...deps, registry: commandRegistry });
}
