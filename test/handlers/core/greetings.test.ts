// A greeting or a thanks is answered kindly with a pointer to `hjälp`, never with «Menade du …?» of a command the
// person did not mean (`tack!` used to be offered `lämna`); and a word that is no plausible typo of any command
// gets no suggestion at all (docs/architecture.md "Command grammar").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const greetings = ['hej', 'hej!', 'Hej loket', 'hello', 'hi'];
const thanks = ['tack', 'tack!', 'tack så mycket', 'Tack så mycket!', 'thanks', 'thank you', 'tack :)'];

describe('greetings and thanks', () => {
  it('get a short Swedish answer pointing to `hjälp`, no suggestion, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await p.counts();
    for (const text of greetings) {
      const reply = await p.as('UANNA', text);
      expect(errorCode(reply), text).toBeUndefined();
      expect(reply.text, text).toBe('Hej! Skriv `hjälp` så ser du vad jag kan hjälpa till med.');
    }
    for (const text of thanks) {
      const reply = await p.as('UANNA', text);
      expect(errorCode(reply), text).toBeUndefined();
      expect(reply.text, text).toBe('Varsågod! Skriv `hjälp` om du vill se vad mer jag kan göra.');
    }
    expect(await p.counts()).toEqual(before);
    // Anna is still a leader of Rymd: nothing made her leave.
    expect((await p.as('UANNA', 'kluster alla')).text).toContain('Rymd');
  });

  it('are answered in English for an English reader', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'profile lang:en');
    expect((await p.as('UERIK', 'hej')).text).toBe('Hi! Type `help` to see what I can help with.');
    expect((await p.as('UERIK', 'thank you!')).text).toBe("You're welcome! Type `help` to see what else I can do.");
  });

  it('a greeting inside a longer text is no greeting: it is an unknown command', async () => {
    const p = await meetingProgramme(opened.db);
    const reply = await p.as('UANNA', 'hej vill du boka ett möte åt mig');
    expect(errorCode(reply)).toBe('verb.unknown');
  });
});

describe('did you mean', () => {
  it('suggests a command only for a plausible typo of it', async () => {
    const p = await meetingProgramme(opened.db);
    for (const text of ['xq', 'zzzzzzzzz', 'ok', 'blablabla']) {
      const reply = await p.as('UANNA', text);
      expect(errorCode(reply), text).toBe('verb.unknown');
      expect(reply.text, text).toBe(`Jag känner inte igen ”${text}”.\nSkriv \`hjälp\` för att se alla kommandon.`);
    }
    expect((await p.as('UANNA', 'hjälpp')).text).toContain('Menade du `hjälp`?');
    expect((await p.as('UANNA', 'lämnaa Rymd')).text).toContain('Menade du `lämna');
  });

  it('help names the closest commands only when some are close', async () => {
    const p = await meetingProgramme(opened.db);
    const far = await p.as('UANNA', 'hjälp xq');
    expect(far.text).toBe('Jag hittar ingen hjälp om ”xq”.\nSkriv `hjälp` för att se alla kommandon.');
    const near = await p.as('UANNA', 'hjälp mötesvisa');
    expect(near.text).toContain('Närmast: `hjälp möte visa`');
  });
});
