import type { PlanArea } from '../../db/schema/index.js';
import { enumOf, type EnumWords } from '../core/arg-types.js';
import type { Language } from '../core/incoming.js';
import { t } from '../i18n/index.js';

// The assessment's long names, Swedish words leaders type, and the machine names → the area. The first
// Swedish word is the one help and refusals show.
const AREA_WORDS: EnumWords<PlanArea> = {
  structure: { sv: ['struktur'] },
  governance: { sv: ['styrning', 'ledning', 'organisation'], also: ['management'] },
  financing: { sv: ['finansiering', 'ekonomi'], also: ['finance'] },
  services: { sv: ['tjänster'], also: ['tjanster', 'service'] },
  cooperation: { sv: ['samverkan', 'samarbete', 'medlemssamverkan'], also: ['interaction'] },
  recognition: { sv: ['erkännande', 'resultat'], also: ['erkannande', 'achievements'] },
  strategy: { sv: ['strategi'] },
};

/** `area:` of `plan gap`, in English or Swedish. */
export const planAreaWord = enumOf(AREA_WORDS, 'område', 'area');

export function areaLabel(language: Language, area: PlanArea): string {
  return t(language, `plan.area.${area}`);
}
