import type { Bilingual } from '../core/spec.js';

/** The one-line assessment in each language, shown in help and under every refusal of `assess`. */
export const assessExample: Bilingual = {
  sv: 'assess Rymd struktur:3 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2',
  en: 'assess Rymd structure:3 governance:2 financing:4 services:3 cooperation:2 recognition:3 strategy:2',
};
