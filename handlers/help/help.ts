import { positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { roleTable, roles } from '../core/access.js';
import type { Reply } from '../core/reply.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Language } from '../core/incoming.js';
import { findVerb, verbs, type VerbEntry } from '../dispatch.js';

export async function help({ command, actor }: HandlerContext): Promise<Reply> {
  const lang = actor.language;
  const asked = positional(command).join(' ').trim();
  if (asked) {
    const entry = findVerb(asked);
    if (entry) return verbHelp(entry, lang);
  }
  const items = verbs.map((entry) => `\`${entry.usage}\` – ${summary(entry, lang)}`);
  return { visibility: 'private', title: t(lang, 'help.title'), blocks: [{ type: 'text', text: t(lang, 'help.intro') }, { type: 'list', items }] };
}

function verbHelp(entry: VerbEntry, lang: Language): Reply {
  const allowed = roleTable[entry.verb] ?? [];
  const who = allowed.length === roles.length ? t(lang, 'help.everyone') : allowed.map((role) => t(lang, `role.${role}`)).join(', ');
  return {
    visibility: 'private',
    title: entry.verb,
    blocks: [
      { type: 'text', text: summary(entry, lang) },
      {
        type: 'fields',
        fields: [
          { label: t(lang, 'help.usage'), value: `\`${entry.usage}\`` },
          { label: t(lang, 'help.example'), value: `\`${entry.example}\`` },
          { label: t(lang, 'help.who'), value: who },
        ],
      },
    ],
  };
}

function summary(entry: VerbEntry, lang: Language): string {
  return t(lang, `summary.${entry.verb}` as MessageKey);
}
