import type { SearchHit } from '../../db/search.repository.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { shorten, textAfterWords } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';

const examples = { sv: 'search möte styrgrupp', en: 'search steering group' } as const;
const SHOWN = 10;
// Every word becomes a prefix match ANDed into one tsquery: thousands of them (a pasted document, found by
// fuzzing) make Postgres fail the statement, and no one searches with more than a handful.
const MAX_WORDS = 30;
const MAX_CHARS = 300;

/** `search <words>`: Swedish-stemmed, ranked search over meetings, decisions, action items and notes. */
export async function search(ctx: HandlerContext<{ words: string }>): Promise<Reply> {
  const { args, command, actor, repos, settings } = ctx;
  const lang = actor.language;
  // As typed, so "quoted phrases", `or` and `-word` reach websearch_to_tsquery.
  const words = (textAfterWords(command.raw, 1) || args.words).replace(/\s+/g, ' ');
  if (words.length > MAX_CHARS || words.split(' ').length > MAX_WORDS) throw new LoketError('search.too_long', { words: MAX_WORDS, chars: MAX_CHARS }, examples[lang]);
  const { query, compound } = await repos.search.toQuery(words);
  const shown = asQuoted(words);
  if (!query) return textReply(t(lang, 'search.no_terms', { words: shown }));
  const { hits, total } = await repos.search.search({ programmeId: actor.programmeId, query, compound, timezone: settings.timezone, limit: SHOWN });
  if (total === 0) return textReply(t(lang, 'search.empty', { words: shown }));
  const blocks: Reply['blocks'] = [{ type: 'list', items: hits.map((hit) => hitLine(lang, hit)) }];
  if (total > hits.length) blocks.push({ type: 'text', text: t(lang, 'search.showing', { shown: hits.length, total }) });
  blocks.push({ type: 'text', text: t(lang, 'search.hint') });
  return { visibility: 'private', title: t(lang, 'search.title', { words: shown, count: total }), blocks };
}

/** The words as the catalog quotes them: a search that is one "phrase" loses its own quotes, so the reply
 *  reads «Träffar för ”R&D”», not «Träffar för ”"R&D"”». Quotes inside (`"två möten" -budget`) stay. */
function asQuoted(words: string): string {
  const phrase = /^\s*["“”„]([^"“”„]*)["“”]\s*$/u.exec(words)?.[1]?.trim();
  return phrase || words;
}

/** `Beslut i M12 ”Styrgrupp mars” · 2026-03-02 · Rymd – … snippet …` */
function hitLine(lang: Language, hit: SearchHit): string {
  const meeting = hit.meetingNumber ? shortId('M', hit.meetingNumber) : '';
  const meetingTitle = shorten(hit.meetingTitle ?? '', 80);
  const source =
    hit.source === 'meeting' ? t(lang, 'search.source_meeting', { id: meeting })
    : hit.source === 'planned' ? t(lang, 'search.source_planned', { id: shortId('M', hit.number) })
    : hit.source === 'decision' ? t(lang, 'search.source_decision', { meeting, title: meetingTitle })
    : hit.source === 'action' ? t(lang, 'search.source_action', { id: shortId('A', hit.number), meeting })
    : hit.meetingNumber ? t(lang, 'search.source_meeting_note', { id: shortId('N', hit.number), meeting })
    : t(lang, 'search.source_note', { id: shortId('N', hit.number) });
  return `${source} · ${hit.day}${hit.clusters ? ` · ${hit.clusters}` : ''} – ${snippetOf(hit)}`;
}

function snippetOf(hit: SearchHit): string {
  const text = hit.snippet.replace(/\s+/g, ' ').trim();
  return `${hit.cutBefore ? '… ' : ''}${text}${hit.cutAfter ? ' …' : ''}`;
}
