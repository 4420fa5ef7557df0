// The examples of `evaluate` and `rate`. They name the placeholder meeting M12, which the example under a
// refusal replaces with a meeting the asker could use, or with `meetings` / `möten` where there is none
// (handlers/core/examples.ts, for the binder's refusals and the handlers' alike).
import { PLACEHOLDER_MEETING } from '../core/examples.js';
import type { Bilingual } from '../core/spec.js';

export const evaluateExample = `evaluate ${PLACEHOLDER_MEETING}`;
export const rateExample: Bilingual = { sv: `rate ${PLACEHOLDER_MEETING} 4 Kontakter för ett gemensamt projekt`, en: `rate ${PLACEHOLDER_MEETING} 4 Contacts for a joint project` };
