import { personalData } from '../../db/personal-data.js';
import { retentionCategories, retentionPolicy, type RetentionCategory, type RetentionPolicy } from '../../db/retention-policy.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import type { Language } from '../core/incoming.js';
import { commandRef, type Reply } from '../core/reply.js';
import { identityHash, pseudonymKeyFor, pseudonymOf } from './forget-me-erase.js';
import { t, type MessageKey } from '../i18n/index.js';

/** `privacy`: five lines a phone shows at once – what is stored, why, for how long, who sees it and the
 *  asker's rights – with the full account one command (or button) away (issue 20). */
export async function privacy(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, settings } = ctx;
  const lang = actor.language;
  const subject = { programmeId: actor.programmeId, personId: actor.personId, userId: actor.userId };
  const { counts } = await repos.personalData.countRows(subject);
  const policy = settings.privacy?.retention ?? retentionPolicy({});
  const records = counts.filter((c) => c.table !== 'people').reduce((sum, c) => sum + c.count, 0);
  const years = retentionCategories.map((c) => policy.years[c]);
  const kept = { min: Math.min(...years), max: Math.max(...years) };
  const items = [
    t(lang, 'privacy.summary_stored', { records }),
    t(lang, 'privacy.summary_why'),
    policy.programmeEnd ? t(lang, 'privacy.summary_kept_end', { end: policy.programmeEnd, ...kept }) : t(lang, 'privacy.summary_kept_no_end', kept),
    t(lang, 'privacy.summary_who'),
    t(lang, 'privacy.summary_rights', { export: commandRef(FULL.export[lang], lang), forget: commandRef(FULL.forget[lang], lang) }),
  ];
  const blocks: Reply['blocks'] = [{ type: 'list', items }];
  const returning = await returningNote(ctx);
  if (returning) blocks.push({ type: 'text', text: returning });
  blocks.push({ type: 'text', text: t(lang, 'privacy.summary_more', { command: commandRef(FULL.all[lang], lang) }) });
  return { title: t(lang, 'privacy.title'), blocks, buttons: [{ label: t(lang, 'privacy.button_all'), command: FULL.all[lang] }], visibility: 'private' };
}

/** The commands the summary names, as the reader types them. */
const FULL = {
  all: { sv: 'integritet allt', en: 'privacy all' },
  export: { sv: 'export me', en: 'export me' },
  forget: { sv: 'forget-me', en: 'forget-me' },
} as const;

/** `privacy all`: everything stored about the asker, why, for how long, who sees it, and what LOKET cannot undo. */
export async function privacyAll(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, settings } = ctx;
  const lang = actor.language;
  const subject = { programmeId: actor.programmeId, personId: actor.personId, userId: actor.userId };
  const { counts } = await repos.personalData.countRows(subject);
  const policy = settings.privacy?.retention ?? retentionPolicy({});
  const blocks: Reply['blocks'] = [{ type: 'text', text: t(lang, 'privacy.intro', { programme: actor.programmeName }) }];
  blocks.push({ type: 'list', title: t(lang, 'privacy.stored_title'), items: await storedItems(ctx, counts) });
  blocks.push({ type: 'text', text: `${t(lang, 'privacy.why_title')}\n${t(lang, 'privacy.why')}` });
  blocks.push({ type: 'list', title: t(lang, 'privacy.retention_title'), items: retentionItems(policy, lang) });
  blocks.push({ type: 'text', text: `${t(lang, 'privacy.who_title')}\n${t(lang, 'privacy.who')}` });
  blocks.push({ type: 'text', text: t(lang, 'privacy.posted') });
  const returning = await returningNote(ctx);
  if (returning) blocks.push({ type: 'text', text: returning });
  blocks.push({ type: 'text', text: t(lang, 'privacy.rights') });
  return { title: t(lang, 'privacy.title'), blocks, visibility: 'private' };
}

async function storedItems(ctx: HandlerContext, counts: { table: string; count: number }[]): Promise<string[]> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const org = actor.organisationId ? (await repos.organisations.findById(actor.programmeId, actor.organisationId)).organisation?.name : undefined;
  const none = t(lang, 'privacy.not_given');
  const items = [
    t(lang, 'privacy.profile_facts', {
      name: actor.displayName,
      handle: `${actor.platform}:${actor.userId}`,
      org: org ?? none,
      gender: actor.gender ? t(lang, `privacy.gender_${actor.gender}` as MessageKey) : none,
      language: actor.language,
    }),
  ];
  const byCategory = new Map<RetentionCategory, number>();
  for (const { table, count } of counts) {
    if (table === 'people') continue;
    const category = personalData[table]!.category;
    byCategory.set(category, (byCategory.get(category) ?? 0) + count);
  }
  for (const category of retentionCategories) {
    const n = byCategory.get(category);
    if (n) items.push(t(lang, `privacy.category_${category}` as MessageKey, { count: n }));
  }
  return items;
}

function retentionItems(policy: RetentionPolicy, lang: Language): string[] {
  const end = policy.programmeEnd;
  const items = [end ? t(lang, 'privacy.retention_end', { end }) : t(lang, 'privacy.retention_no_end')];
  for (const category of retentionCategories) {
    items.push(t(lang, 'privacy.retention_category', { category: t(lang, `privacy.category_name_${category}` as MessageKey), years: policy.years[category] }));
  }
  items.push(t(lang, 'privacy.retention_records'));
  return items;
}

/** Someone who asked to be forgotten and came back: their earlier records are not linked to them. */
async function returningNote(ctx: HandlerContext): Promise<string | undefined> {
  const { actor, repos, settings } = ctx;
  const keys = [pseudonymKeyFor(settings.privacy?.pseudonymKey, actor.programmeId), ...(settings.privacy?.previousPseudonymKeys ?? [])];
  let erasure: Awaited<ReturnType<typeof repos.privacy.findByIdentity>>['erasure'];
  for (const key of keys) {
    const hash = identityHash(key, { platform: actor.platform, workspaceExternalId: actor.workspaceId, userId: actor.userId });
    ({ erasure } = await repos.privacy.findByIdentity(actor.programmeId, hash));
    if (erasure) break;
  }
  if (!erasure?.completedAt || erasure.personId === actor.personId || !erasure.pseudonymNumber) return undefined;
  return t(actor.language, 'privacy.returning', { date: dayIn(settings.timezone, erasure.completedAt), pseudonym: pseudonymOf(erasure.pseudonymNumber) });
}
