import type { Database } from './database.js';
import { auditLog } from './schema/index.js';

export interface AuditEntry {
  programmeId: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
  at: Date;
}

export function createAuditRepository({ db }: { db: Database }) {
  return {
    async record(entry: AuditEntry) {
      await db.insert(auditLog).values(entry);
    },
  };
}
