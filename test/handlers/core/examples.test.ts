// Every command's example is shown in help and in each refusal, so each must pass its own command's
// grammar, in both languages.
import { describe, expect, it } from 'vitest';
import { bind } from '../../../handlers/core/bind.js';
import { parseMessage } from '../../../handlers/core/parse.js';
import { exampleIn } from '../../../handlers/core/spec.js';
import { commandRegistry } from '../../../handlers/registry.js';

const cases = commandRegistry.all.flatMap((spec) => (['sv', 'en'] as const).map((language) => ({ verb: spec.verb, language, spec, example: exampleIn(spec, language) })));

describe('examples', () => {
  it.each(cases)('the $language example of `$verb` is read by its own command without a refusal', ({ spec, language, example }) => {
    const resolved = commandRegistry.resolve(parseMessage(example), example);
    expect(resolved.kind === 'verb' && resolved.spec).toBe(spec);
    if (resolved.kind !== 'verb') return;
    expect(() => bind(spec, resolved.command, language)).not.toThrow();
  });
});
