// `help`: the groups of commands by what people do, fitting a phone screen; `help <group>` lists a group,
// `help <verb>` shows how to write one command, and an unknown topic gets the closest matches. Everything
// is read from the command declarations (handlers/core/spec.ts), so help never drifts from what runs.
import type { HandlerContext } from '../core/context.js';
import { commandRef, type Reply } from '../core/reply.js';
import { helpGroups, type HelpGroup, type CommandSpec } from '../core/spec.js';
import { exampleInWords, verbIn } from '../core/spec.js';
import { usageOf, keysOf } from '../core/usage.js';
import type { Language } from '../core/incoming.js';
import type { Registry } from '../core/registry.js';
import { roles } from '../core/access.js';
import { t } from '../i18n/index.js';

const CLOSEST = 3;

export async function help({ args, actor, registry }: HandlerContext<{ topic: string | undefined }>): Promise<Reply> {
  const lang = actor.language;
  const topic = args.topic?.trim().toLowerCase();
  if (!topic) return overview(registry, lang);
  const group = groupNamed(topic);
  if (group) return groupHelp(registry, group, lang);
  const spec = registry.find(topic) ?? registry.find(topic.split(/\s+/).slice(0, 2).join(' ')) ?? registry.find(topic.split(/\s+/)[0] ?? '');
  if (spec) return verbHelp(registry, spec, lang);
  const closest = registry.nearest(topic, CLOSEST).map((s) => commandRef(`help ${verbIn(s, lang)}`, lang));
  return {
    visibility: 'private',
    error: { code: 'help.unknown_topic' },
    blocks: [{ type: 'text', text: [t(lang, 'help.unknown_topic', { topic: args.topic ?? '' }), ...(closest.length ? [t(lang, 'help.closest', { verbs: closest.join(', ') })] : []), t(lang, 'verb.help_hint')].join('\n') }],
  };
}

/** A group by its key or its name in either language (`möten`, `meetings`). */
function groupNamed(topic: string): HelpGroup | undefined {
  return helpGroups.find((g) => g === topic || t('sv', `help.topic.${g}`) === topic || t('en', `help.topic.${g}`) === topic);
}

function overview(registry: Registry, lang: Language): Reply {
  const items = helpGroups
    .filter((g) => registry.all.some((s) => s.group === g))
    .map((g) => t(lang, 'help.group_line', { name: t(lang, `help.group.${g}`), topic: t(lang, `help.topic.${g}`) }));
  return { visibility: 'private', title: t(lang, 'help.groups_title'), blocks: [{ type: 'text', text: t(lang, 'help.intro') }, { type: 'list', items }] };
}

function groupHelp(registry: Registry, group: HelpGroup, lang: Language): Reply {
  const items = registry.all.filter((s) => s.group === group).map((s) => `${commandRef(verbIn(s, lang), lang)} – ${s.summary[lang]}`);
  return { visibility: 'private', title: t(lang, 'help.group_title', { name: t(lang, `help.group.${group}`) }), blocks: [{ type: 'list', items }, { type: 'text', text: t(lang, 'verb.help_verb_hint') }] };
}

function verbHelp(registry: Registry, spec: CommandSpec, lang: Language): Reply {
  const allowed = registry.rolesFor(spec);
  const who = spec.who?.[lang] ?? (allowed.length === roles.length ? t(lang, 'help.everyone') : allowed.map((role) => t(lang, `role.${role}`)).join(', '));
  const keys = keysOf(spec, lang);
  // The title names the command in the reader's words; every other name it answers to is listed.
  const also = [spec.verb, ...spec.aliases].filter((name) => name !== verbIn(spec, lang));
  return {
    visibility: 'private',
    title: verbIn(spec, lang),
    blocks: [
      { type: 'text', text: spec.summary[lang] },
      {
        type: 'fields',
        fields: [
          { label: t(lang, 'help.usage'), value: commandRef(usageOf(spec, lang), lang) },
          { label: t(lang, 'help.example'), value: commandRef(exampleInWords(spec, lang), lang) },
          ...(also.length ? [{ label: t(lang, 'help.also'), value: also.join(', ') }] : []),
          ...(keys ? [{ label: t(lang, 'help.keys'), value: keys }] : []),
          { label: t(lang, 'help.who'), value: who },
        ],
      },
    ],
  };
}
