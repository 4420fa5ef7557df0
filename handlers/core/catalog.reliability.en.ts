import type { reliabilitySv } from './catalog.reliability.sv.js';

export const reliabilityEn: Record<keyof typeof reliabilitySv, string> = {
  'reliability.unavailable': 'LOKET cannot reach its database right now, so the command was not saved. Please try again in a moment.',
  'reliability.late_answer': 'Your command `/loket {command}` was carried out, but the answer was delayed because LOKET restarted. Here it is:',
};
