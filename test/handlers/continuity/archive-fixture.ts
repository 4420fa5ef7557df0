// The handover fixture plus what only an archive shows: a deleted meeting, a weekly note, an exchange
// with a learning, and a title that tries to break out of the page.
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { exportFiles } from '../../../db/schema/index.js';
import { handoverProgramme } from './handover-fixture.js';

export const hostileTitle = '<script>alert("x")</script> & co';

export async function archiveProgramme(db: Database) {
  const p = await handoverProgramme(db);
  const run = async (user: string, text: string) => {
    const r = await p.as(user, text);
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`fixture failed: ${text}: ${r.text}`);
  };
  await run('UANNA', 'meeting "Raderas snart" date:2026-02-20 cluster:Rymd');
  await run('UANNA', 'meeting delete M3');
  await run('UERIK', `meeting "${hostileTitle.replace(/"/g, "'")}" date:2026-02-21 cluster:Skog`);
  await run('UANNA', 'progress done: Ansökan till Vinnova skickad next: Workshop');
  await run('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar tags:"eu projects"');
  await run('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
  await run('UANNA', 'exchange accept X1');
  await run('UERIK', 'exchange accept X1');
  await run('UANNA', 'exchange done X1 learned: Börja med en skiss på en sida.');
  return p;
}

export async function archiveFiles(db: Database, programmeId: string) {
  const files = await db.select().from(exportFiles).where(eq(exportFiles.programmeId, programmeId));
  return { html: files.find((f) => f.name.endsWith('.html')), json: files.find((f) => f.name.endsWith('.json')), files };
}
