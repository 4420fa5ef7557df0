import { planAreas, type PlanArea } from '../../db/schema/index.js';
import type { Language } from '../core/incoming.js';
import { t } from '../i18n/index.js';

// The assessment's long names, Swedish words leaders type, and the machine names → the area.
const ALIASES: ReadonlyMap<string, PlanArea> = new Map([
  ...planAreas.map((area) => [area, area] as const),
  ['struktur', 'structure'],
  ['management', 'governance'], ['styrning', 'governance'], ['ledning', 'governance'], ['organisation', 'governance'],
  ['finansiering', 'financing'], ['finance', 'financing'], ['ekonomi', 'financing'],
  ['tjänster', 'services'], ['tjanster', 'services'], ['service', 'services'],
  ['samverkan', 'cooperation'], ['samarbete', 'cooperation'], ['interaction', 'cooperation'], ['medlemssamverkan', 'cooperation'],
  ['erkännande', 'recognition'], ['erkannande', 'recognition'], ['resultat', 'recognition'], ['achievements', 'recognition'],
  ['strategi', 'strategy'],
]);

export function parseArea(input: string | undefined): PlanArea | undefined {
  return input === undefined ? undefined : ALIASES.get(input.trim().toLowerCase());
}

export function areaLabel(language: Language, area: PlanArea): string {
  return t(language, `plan.area.${area}`);
}

export function areaChoices(language: Language): string {
  return planAreas.map((area) => `${area} (${areaLabel(language, area)})`).join(', ');
}
