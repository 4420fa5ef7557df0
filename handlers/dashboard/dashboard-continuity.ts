// The cluster page's bus-factor slot: the same signal and wording as `status <cluster>` (issue 11).
import type { Repositories } from '../../db/repositories.js';
import type { Language } from '../core/incoming.js';
import { continuitySignals, emptySignals } from '../continuity/continuity.js';
import { busFactorText } from '../continuity/continuity-views.js';

export async function busFactorOf(repos: Repositories, programmeId: string, clusterId: string, today: string, lang: Language): Promise<string> {
  const signals = (await continuitySignals(repos, programmeId, [clusterId], today)).get(clusterId) ?? emptySignals(clusterId);
  return busFactorText(lang, signals);
}
