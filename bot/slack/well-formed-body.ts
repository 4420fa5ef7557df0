// Slack's Web API client form-encodes its arguments, and encoding a string with an unpaired UTF-16
// surrogate throws (URIError), so a signed payload carrying one in any field (found by fuzzing) would make
// the reply fail. Every string of the parsed body is made well-formed (U+FFFD for an unpaired surrogate)
// before any listener sees it, so ids, text and thread stamps that reach the Web API can always be sent.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/** Replaces unpaired surrogates in every string inside `body`, in place. */
function makeWellFormed(body: unknown): void {
  // Iterative, so a deeply nested hostile payload cannot overflow the stack.
  const stack: unknown[] = [body];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child === 'string') {
        if (!child.isWellFormed()) record[key] = child.toWellFormed();
      } else if (child !== null && typeof child === 'object') {
        stack.push(child);
      }
    }
  }
}

/** Bolt global middleware: runs after the signature check and before every listener. */
export const wellFormedBody: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
  makeWellFormed(body);
  await next();
};
