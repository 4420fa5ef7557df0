import type { Token } from '../../handlers/core/command.js';

/** Tokens without the text each came from, for comparing what was read rather than how it was written. */
export function plainTokens(tokens: Token[]): Token[] {
  return tokens.map((t) => (t.type === 'option' ? ({ type: 'option', key: t.key, value: t.value } as Token) : t));
}
