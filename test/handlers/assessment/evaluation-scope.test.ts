// The ratings per meeting kind in `status` cover the clusters the rest of the view covers: a leader's
// overview said «Betyg per mötestyp» over the whole programme, other clusters' meetings included, under
// «Du ser bara de kluster du leder …».
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetingEvaluations, meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Rymd's training is rated 4 and 5, Skog's workshop 2, and a network meeting of both clusters 3. */
async function ratedProgramme() {
  const p = await meetingProgramme(opened.db);
  for (const [user, command] of [
    ['UANNA', 'meeting Utbildning i klusterledning cluster:Rymd kind:training with:"@Nils, @Dana"'],
    ['UANNA', 'evaluate M1'],
    ['UNILS', 'rate M1 4'],
    ['UDANA', 'rate M1 5'],
    ['UERIK', 'meeting Skogsdag cluster:Skog kind:workshop with:@Olle'],
    ['UERIK', 'evaluate M2'],
    ['UOLLE', 'rate M2 2'],
    ['UANNA', 'meeting Nätverksträff cluster:"Rymd, Skog" kind:network with:@Olle'],
    ['UANNA', 'evaluate M3'],
    ['UOLLE', 'rate M3 3'],
  ] as const) {
    const reply = await p.as(user, command);
    if (errorCode(reply)) throw new Error(`fixture failed: ${command}: ${reply.text}`);
  }
  return p;
}

const ratingsLine = (text: string) => text.split('\n').find((line) => line.startsWith('Betyg per mötestyp') || line.startsWith('Rating per meeting kind'));
const byKindLine = (text: string) => text.split('\n').find((line) => line.startsWith('Utvärderingar per mötestyp'));

describe('ratings per meeting kind in status', () => {
  it("a leader's overview averages the ratings of their own clusters' meetings; the project manager's the whole programme's", async () => {
    const p = await ratedProgramme();
    const answers = await opened.db
      .select({ number: meetings.number, usefulness: meetingEvaluations.usefulness })
      .from(meetingEvaluations)
      .innerJoin(meetings, eq(meetings.id, meetingEvaluations.meetingId))
      .where(eq(meetingEvaluations.programmeId, p.test.programme.id));
    expect(answers.map((a) => `M${a.number}:${a.usefulness}`).sort()).toEqual(['M1:4', 'M1:5', 'M2:2', 'M3:3']);

    const period = 'från:2026-01-01 till:2026-03-31';
    expect(ratingsLine((await p.as('UPM', `status ${period}`)).text)).toBe('Betyg per mötestyp: nätverksmöte för klusterledare 3,0 (1) · utbildning 4,5 (2) · workshop 2,0 (1)');
    const erik = (await p.as('UERIK', `status ${period}`)).text;
    expect(ratingsLine(erik)).toBe('Betyg per mötestyp: nätverksmöte för klusterledare 3,0 (1) · workshop 2,0 (1)');
    expect(erik).toContain('Du ser bara de kluster du leder eller är ersättare i.');
    expect(ratingsLine((await p.as('UDANA', `status ${period}`)).text)).toBe('Betyg per mötestyp: nätverksmöte för klusterledare 3,0 (1) · utbildning 4,5 (2)');
    // The fuller view under `status indicators` is scoped alike.
    expect(byKindLine((await p.as('UERIK', `status indikatorer ${period}`)).text)).toBe('Utvärderingar per mötestyp: nätverksmöte för klusterledare 3,0 (1), workshop 2,0 (1)');
    expect(byKindLine((await p.as('UPM', `status indikatorer ${period}`)).text)).toBe('Utvärderingar per mötestyp: nätverksmöte för klusterledare 3,0 (1), utbildning 4,5 (2), workshop 2,0 (1)');

    await p.as('UERIK', 'profile lang:en');
    expect(ratingsLine((await p.as('UERIK', 'status from:2026-01-01 to:2026-03-31')).text)).toBe("Rating per meeting kind: leaders' network meeting 3.0 (1) · workshop 2.0 (1)");
  });
});
