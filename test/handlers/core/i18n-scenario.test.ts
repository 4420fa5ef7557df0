// A slice of programme life played through the core for a Swedish and an English reader: no reply may carry
// the other language's common words (issue 20). User text is names and proper nouns, so only LOKET's own
// words are judged; commands and examples in backticks are left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { managedProgramme } from '../../support/test-core.js';
import { englishWords, swedishWords, wordsOutsideCode } from '../../support/language-words.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Who says what; `lang:` is set first, so every reply after it is judged. */
const script: [user: string, text: string][] = [
  ['UPM', 'cluster add Norrskog sector:skog'],
  ['UPM', 'cluster add Hav sector:marin'],
  ['UPM', 'cluster list'],
  ['UANNA', 'join Norrskog'],
  ['UPM', 'cluster role Norrskog @Anna leader'],
  ['ULEO', 'join Hav'],
  ['UPM', 'cluster role Hav @Leo leader'],
  ['UANNA', 'meeting "Kiruna" date:2026-12-01 cluster:Norrskog\ndecision: Budget 2027\naction: @Anna Vinnova due:2026-12-20'],
  ['UANNA', 'actions'],
  ['UANNA', 'actions all'],
  ['UANNA', 'progress done: Vinnova next: Interreg mood:green'],
  ['UANNA', 'progress show Norrskog'],
  ['UANNA', 'exchange need Interreg tags:interreg'],
  ['ULEO', 'exchange offer Interreg tags:interreg'],
  ['UANNA', 'exchange list'],
  ['UPM', 'status'],
  ['UANNA', 'privacy'],
  ['UANNA', 'help'],
  ['UANNA', 'whoami'],
  ['UANNA', 'join Månen'],
  ['UANNA', 'meeting'],
  ['ULEO', 'note Norrskog Kiruna'],
];

/** A button reads `[Label: command]` in plain text; the command is grammar, not prose. */
const withoutButtonCommands = (text: string) => text.replace(/\[([^\]:]+): [^\]]+\]/g, '[$1]');

async function play(language: 'sv' | 'en') {
  const p = await managedProgramme(opened.db);
  p.test.clock.set(new Date('2026-12-06T10:00:00Z'));
  const names: Record<string, string> = { UPM: 'Petra', UANNA: 'Anna', ULEO: 'Leo' };
  for (const user of Object.keys(names)) await p.as(user, `profile lang:${language}`, { displayName: names[user]! });
  const offenders: string[] = [];
  const refused: string[] = [];
  const foreign = language === 'sv' ? englishWords : swedishWords;
  for (const [user, text] of script) {
    const reply = await p.as(user, text);
    if (reply.outcome.kind === 'reply' && reply.outcome.reply.error) refused.push(text);
    const found = wordsOutsideCode(withoutButtonCommands(reply.text)).filter((w) => foreign.includes(w));
    if (found.length) offenders.push(`${text.split('\n')[0]} → ${[...new Set(found)].join(', ')}\n${reply.text}`);
  }
  // The slice really ran: only the refusals it plays on purpose were refused.
  expect(refused).toEqual(['join Månen', 'note Norrskog Kiruna']);
  return offenders;
}

describe('a slice of programme life in the reader’s language', () => {
  it('a Swedish reader sees no common English words in any reply', async () => {
    expect(await play('sv')).toEqual([]);
  });

  it('an English reader sees no common Swedish words in any reply', async () => {
    expect(await play('en')).toEqual([]);
  });
});
