// Common words of each language: a reply in the other language that carries one has leaked (issue 20).
// Commands and examples in backticks are left out, since the grammar accepts English keys for everyone.
export const swedishWords = ['och', 'inte', 'för', 'är', 'det', 'som', 'kluster', 'möte', 'möten', 'åtgärd', 'åtgärder', 'veckorapport', 'ledare', 'ersättare', 'skriv', 'eller', 'har', 'till', 'från'];
export const englishWords = ['the', 'and', 'with', 'not', 'meeting', 'meetings', 'cluster', 'clusters', 'action', 'actions', 'is', 'are', 'you', 'your', 'weekly', 'leader', 'of', 'for'];

export const wordsOutsideCode = (text: string) => text.replace(/`[^`]*`/g, ' ').toLowerCase().split(/[^a-zåäöé]+/).filter(Boolean);
