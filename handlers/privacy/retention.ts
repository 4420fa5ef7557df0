// The daily retention run (README "Data and privacy"): once a category is due (N years after the
// programme's end), its personal data is pseudonymised or deleted — never what is under legal hold —
// with one audit row per item. It also finishes `forget-me` erasures whose holds have been released.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { createRepositories, type Repositories } from '../../db/repositories.js';
import type { RetentionItem } from '../../db/retention.repository.js';
import { dueAt, dueCategories, type RetentionCategory } from '../../db/retention-policy.js';
import type { Clock } from '../core/context.js';
import { erasePerson, pseudonymKeyFor } from './forget-me-erase.js';
import type { PrivacySettings } from '../core/privacy-settings.js';

export interface RetentionDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  privacy?: PrivacySettings;
  /** Limits the run to these programmes: tests share one Postgres database with other tests. */
  only?: string[];
}

export interface RetentionSummary {
  due: RetentionCategory[];
  people: number;
  items: number;
  released: number;
}

/** The daily job's entry: the same run on the database handle the scheduler is given. */
export function runRetentionJob({ db, ...deps }: Omit<RetentionDeps, 'repos'> & { db: Database }): Promise<RetentionSummary> {
  return runRetention({ ...deps, repos: createRepositories(db) });
}

export async function runRetention({ repos, clock, logger, privacy, only }: RetentionDeps): Promise<RetentionSummary> {
  const now = clock.now();
  const due = privacy ? dueCategories(privacy.retention, now) : [];
  const summary: RetentionSummary = { due, people: 0, items: 0, released: 0 };
  const { ids } = await repos.retention.programmeIds();
  for (const programmeId of ids.filter((id) => !only || only.includes(id))) {
    const key = pseudonymKeyFor(privacy?.pseudonymKey, programmeId);
    summary.released += await finishReleased(repos, programmeId, key, now);
    if (due.includes('profile')) summary.people += await pseudonymiseAll(repos, programmeId, key, now);
    for (const category of due) {
      const items = await stepFor(repos, category, programmeId, now, privacy!);
      for (const item of items) await auditItem(repos, programmeId, category, item, now);
      summary.items += items.length;
    }
  }
  if (summary.people || summary.items || summary.released) logger.info(summary, 'retention applied');
  return summary;
}

/** Erasures that waited for a hold: done now if no held record refers to the person any more. */
async function finishReleased(repos: Repositories, programmeId: string, key: string, now: Date): Promise<number> {
  const { erasures } = await repos.privacy.heldErasures(programmeId);
  let finished = 0;
  for (const erasure of erasures) {
    const { person } = await repos.people.findById(programmeId, erasure.personId);
    if (!person) continue;
    const { holds } = await repos.personalData.heldReferences({ programmeId, personId: person.id, userId: person.userId });
    if (holds.length) continue;
    await erasePerson({ repos, person, erasureId: erasure.id, key, at: now, actorId: null, source: erasure.source });
    finished += 1;
  }
  return finished;
}

/** Profile facts are due: every person not yet pseudonymised becomes "Person N" (one audit row each,
 *  written by erasePerson); people on held records keep their name until the hold is released. */
async function pseudonymiseAll(repos: Repositories, programmeId: string, key: string, now: Date): Promise<number> {
  const { ids } = await repos.retention.peopleToPseudonymise(programmeId);
  for (const id of ids) {
    const { person } = await repos.people.findById(programmeId, id);
    await erasePerson({ repos, person: person!, key, at: now, actorId: null, source: 'retention' });
  }
  return ids.length;
}

async function stepFor(repos: Repositories, category: RetentionCategory, programmeId: string, now: Date, privacy: PrivacySettings): Promise<RetentionItem[]> {
  switch (category) {
    case 'meetings':
      return repos.retention.pseudonymiseGuests(programmeId);
    case 'progress':
      return repos.retention.unlinkProgressAuthors(programmeId);
    case 'exchanges':
      return repos.retention.deleteExchangePairs(programmeId);
    case 'audit':
      return repos.retention.clearAuditDetails(programmeId, dueAt(privacy.retention, 'audit')!);
    case 'operational':
      return repos.retention.deleteOperational(programmeId, now);
    // Profile is pseudonymiseAll; plans hold no personal data beyond their people, pseudonymised with it.
    case 'profile':
    case 'plans':
      return [];
  }
}

async function auditItem(repos: Repositories, programmeId: string, category: RetentionCategory, item: RetentionItem, at: Date) {
  await repos.audit.record({ programmeId, actorId: null, action: `retention.${item.action}`, subjectType: item.table, subjectId: item.id, detail: { category }, at });
}
