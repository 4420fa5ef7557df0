// Every command a reader is shown — the example under a refusal, a button's command, the hint to type help,
// help's lists and «Närmast:» — is in the reader's words (docs/architecture.md "Command grammar"): a Swedish
// reader sees the Swedish alias, an English reader the English verb, whichever language the feature wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import type { OpenedDatabase } from '../../../db/client.js';
import { notes, progressNotes } from '../../../db/schema/index.js';
import { catalogs } from '../../../handlers/i18n/index.js';
import { commandTextInWords } from '../../../handlers/core/reader-words.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const meeting = ['meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd', 'decision: Testbädden blir första satsningen'].join('\n');
const buttonsOf = (reply: { outcome: { kind: string; reply?: { buttons?: { command: string }[] } } }) =>
  reply.outcome.kind === 'reply' ? reply.outcome.reply?.buttons?.map((b) => b.command) : undefined;

describe('commands in the reader\'s words', () => {
  it('the example under a refusal names the command in Swedish for a Swedish reader and in English for an English one', async () => {
    const p = await meetingProgramme(opened.db);
    const sv = (await p.as('UANNA', 'kluster lista xyz')).text;
    expect(sv).toContain('Exempel: `kluster lista alla`');
    // One choice is named as one («inte `alla`», not «inget av `alla`»).
    expect(sv).toContain('”xyz” är inte `alla`.');
    expect(sv).not.toContain('cluster list');
    await p.as('UERIK', 'profile lang:en');
    const en = (await p.as('UERIK', 'kluster lista xyz')).text;
    expect(en).toContain('Example: `cluster list all`');
    expect(en).toContain('“xyz” is not `all`.');
    expect(en).not.toContain('kluster lista');
  });

  it('buttons carry the command in the reader\'s words, and a Swedish button runs as the English command', async () => {
    const p = await meetingProgramme(opened.db);
    expect(buttonsOf(await p.as('UANNA', meeting))).toEqual(['möte dela M1', 'möte visa M1']);
    const shownSv = (await p.as('UANNA', 'möte visa M1')).text;
    expect(shownSv).toBe((await p.as('UANNA', 'meeting show M1')).text);
    expect(shownSv).toContain('Styrgrupp mars');
    await p.as('UERIK', 'profile lang:en');
    expect(buttonsOf(await p.as('UERIK', meeting.replace('cluster:Rymd', 'cluster:Skog')))).toEqual(['meeting share M2', 'meeting show M2']);
  });

  it('help, its hint and «Närmast:» name commands in the reader\'s words', async () => {
    const p = await meetingProgramme(opened.db);
    const sv = (await p.as('UANNA', 'help')).text;
    expect(sv).toContain('Möten och åtgärder: skriv `hjälp möten`');
    const group = (await p.as('UANNA', 'hjälp möten')).text;
    expect(group).toContain('`möte visa` – ');
    expect(group).not.toContain('`meeting show`');
    const unknown = (await p.as('UANNA', 'hjälp mötesvisa')).text;
    expect(unknown).toMatch(/Närmast: `hjälp [^`]*`/);
    expect(unknown).toContain('Skriv `hjälp` för att se alla kommandon.');
    expect((await p.as('UANNA', 'xyzzy')).text).toContain('Skriv `hjälp` för att se alla kommandon.');

    await p.as('UERIK', 'profile lang:en');
    const en = (await p.as('UERIK', 'hjälp')).text;
    expect(en).toContain('`help meetings`');
    const groupEn = (await p.as('UERIK', 'help meetings')).text;
    expect(groupEn).toContain('`meeting show` – ');
    expect(groupEn).not.toContain('`möte visa`');
    expect((await p.as('UERIK', 'xyzzy')).text).toContain('`help`');
  });

  it('each catalog writes the commands it shows in its own language (Swedish aliases and keys, English verbs)', () => {
    const wrong: string[] = [];
    for (const language of ['sv', 'en'] as const) {
      for (const [key, template] of Object.entries(catalogs[language])) {
        for (const [, command] of template.matchAll(/`(?:\/loket )?([^`\n]+)`/g)) {
          const inWords = commandTextInWords(commandRegistry, command!, language);
          if (inWords !== command) wrong.push(`${language} ${key}: \`${command}\` should be \`${inWords}\``);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('text a person wrote is shown as written: a command in backticks in a note is not rewritten for the reader', async () => {
    const p = await meetingProgramme(opened.db);
    const written = 'Vi kör `cluster list` och `/loket meeting show M1` varje måndag';
    expect((await p.as('UANNA', `note Rymd ${written}`)).text).toContain('Rymd');
    const [stored] = await opened.db.select({ text: notes.text }).from(notes).where(like(notes.text, '%varje måndag%'));
    expect(stored?.text).toBe(written);
    const found = (await p.as('UANNA', 'sök måndag')).text;
    expect(found).toContain('`cluster list`');
    // The console shows a reference without `/loket`, as it shows its own (Slack keeps it as typed).
    expect(found).toContain('`meeting show M1`');
    expect(found).not.toContain('kluster lista');
    expect(found).not.toContain('`möte visa M1`');
    // A decision in Swedish keeps its Swedish command for an English reader.
    await p.as('UANNA', 'möte Slacktips kluster:Rymd\nbeslut: Alla kör `/loket kluster lista` varje vecka');
    await p.as('UERIK', 'profile lang:en');
    expect((await p.as('UERIK', 'search måndag')).text).toContain('`cluster list`');
    const shown = (await p.as('UERIK', 'meeting show M1')).text;
    expect(shown).toContain('Alla kör `kluster lista` varje vecka');
    expect(shown).not.toContain('`cluster list`');
  });

  it('a refusal names the command in the reader\'s words, also where the binder names it («passar inte till `möte`»)', async () => {
    const p = await meetingProgramme(opened.db);
    const sv = (await p.as('UANNA', 'kluster lista alla färg:blå')).text;
    expect(sv).toContain('passar inte till `kluster lista`');
    await p.as('UERIK', 'profile lang:en');
    expect((await p.as('UERIK', 'kluster lista alla färg:blå')).text).toContain('does not belong to `cluster list`');
  });

  it('help lists each key in the reader\'s words first, and Swedish words a leader reaches for are understood', async () => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as('UANNA', 'hjälp spara')).text).toContain('Nycklar: som|as, kluster|cluster, möte|mote|meeting');
    await p.as('UERIK', 'profile lang:en');
    expect((await p.as('UERIK', 'help save')).text).toContain('Keys: as|som, cluster|kluster, meeting|möte|mote');
    // «framsteg» (progress) and «klart:» (done) were answered with an unrelated suggestion and a refusal.
    const written = await p.as('UANNA', 'framsteg klart: Workshop med Kiruna kommun');
    expect(written.text).toContain('Veckorapporten för Rymd vecka 2026-W10 är sparad.');
    expect(written.outcome.kind === 'reply' && written.outcome.reply.error).toBeFalsy();
    const stored = await opened.db.select({ done: progressNotes.done }).from(progressNotes).where(eq(progressNotes.programmeId, p.test.programme.id));
    expect(stored).toEqual([{ done: 'Workshop med Kiruna kommun' }]);
  });
});
