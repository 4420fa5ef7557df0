// The example under a refusal of `evaluate` or `rate` names a meeting the asker could use: the catalog's
// placeholder M12 may not exist in the programme, or be someone else's. With no such meeting, the example
// is `meetings`, which lists them: an example is a command that works. Looked up only when a refusal is
// shown, so an accepted command costs nothing more (handlers/core/examples.ts does the same for clusters).
import type { Bilingual } from '../core/spec.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { shortId } from '../core/short-ids.js';

const PLACEHOLDER = 'M12';
const PLACEHOLDER_ID = /(?<![\p{L}\p{N}])M12(?![\p{L}\p{N}])/gu;

export const evaluateExample = `evaluate ${PLACEHOLDER}`;
export const rateExample: Bilingual = { sv: `rate ${PLACEHOLDER} 4 Kontakter för ett gemensamt projekt`, en: `rate ${PLACEHOLDER} 4 Contacts for a joint project` };

type ExampleContext = Pick<HandlerContext, 'actor' | 'repos' | 'clock'>;

/** Runs `body`; a refusal whose example names M12 is shown with a meeting the asker could use instead. */
export async function withMeetingExample<T>(ctx: ExampleContext, verb: 'evaluate' | 'rate', body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof LoketError) || !error.example?.match(PLACEHOLDER_ID)) throw error;
    const { actor, repos } = ctx;
    const { number } =
      verb === 'evaluate'
        ? await repos.evaluations.exampleToEvaluate(actor.programmeId, actor.personId, actor.programmeRoles.includes('manager'))
        : await repos.evaluations.exampleToRate(actor.programmeId, actor.personId, ctx.clock.now());
    const example = number === undefined ? 'meetings' : error.example.replace(PLACEHOLDER_ID, shortId('M', number));
    const shown = new LoketError(error.code, error.params, example);
    if (error.hint) shown.withHint(error.hint.code, error.hint.params);
    throw shown;
  }
}
