import type { MessageKey, Params } from '../i18n/index.js';

/** An expected failure with a dotted code (e.g. `cluster.not_found`). Thrown inside a handler, it rolls
 *  back the command's writes and becomes a localised reply with a correct example. */
export class LoketError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params: Params = {},
    /** A correct command to show the user; the verb's own example when absent. */
    readonly example?: string,
  ) {
    super(code);
    this.name = 'LoketError';
  }

  /** A second line that helps: «Menade du `sector:"vehicle testing"`?». */
  hint?: { code: MessageKey; params: Params };

  withHint(code: MessageKey, params: Params): this {
    this.hint = { code, params };
    return this;
  }
}
