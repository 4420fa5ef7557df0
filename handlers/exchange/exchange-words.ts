// Words that never make two exchange posts a match (issue 20: a question about municipal contracts was paired
// with an Interreg offer because both said «skrivit»). The Swedish stemmer already drops its own stop words
// from the search vectors, but not English ones, and no stop-word list holds the verbs every post is written
// with — «we have written», «vi behöver hjälp med», «can share» — so those are listed here.
import { eng, swe } from 'stopword';

/**
 * Verbs (and the nouns made of them) that say how a need or an offer is phrased, not what it is about. Swedish
 * forms are listed as written, since the Swedish stemmer leaves many of them whole (skrivit, gjort); the
 * repository stems every word the same way as the posts, so one form per stem is enough.
 */
const COMMON_VERBS = [
  // Swedish
  'skriva', 'skriver', 'skrev', 'skrivit', 'skrivits',
  'göra', 'gör', 'gjorde', 'gjort', 'gjorts',
  'ha', 'har', 'hade', 'haft',
  'få', 'får', 'fick', 'fått',
  'behöva', 'behöver', 'behövde', 'behövt', 'behov',
  'hjälpa', 'hjälper', 'hjälpte', 'hjälpt', 'hjälp',
  'vilja', 'vill', 'ville', 'velat',
  'kunna', 'kan', 'kunde', 'kunnat',
  'dela', 'delar', 'delade', 'delat',
  'ta', 'tar', 'tog', 'tagit',
  'ge', 'ger', 'gav', 'gett', 'givit',
  'söka', 'söker', 'sökte', 'sökt',
  'använda', 'använder', 'använde', 'använt',
  'erbjuda', 'erbjuder', 'erbjöd', 'erbjudit', 'erbjudande',
  'gärna', 'tips', 'någon', 'några', 'hur', 'vi', 'ni',
  // English
  'write', 'writes', 'wrote', 'written', 'writing',
  'do', 'does', 'did', 'done', 'doing',
  'make', 'makes', 'made', 'making',
  'have', 'has', 'had', 'having',
  'get', 'gets', 'got', 'gotten',
  'need', 'needs', 'needed',
  'help', 'helps', 'helped',
  'want', 'wants', 'wanted',
  'share', 'shares', 'shared', 'gladly',
  'offer', 'offers', 'offered',
  'looking', 'use', 'used', 'using', 'give', 'gives', 'given',
];

/** Every word matching ignores, lower case: the maintained Swedish and English stop-word lists and the verbs. */
export const IGNORED_MATCH_WORDS: readonly string[] = [...new Set([...swe, ...eng, ...COMMON_VERBS].map((w) => w.toLowerCase()))];
