// Every message from Slack or Teams carries its conversation, and LOKET keeps the latest reference of each
// (proactive messages need it). Writing it on every command cost every user a round trip and a row version
// (issue 21); a conversation's reference changes rarely, so each process remembers what it last stored and
// writes again only when something differs or ten minutes have passed (a safety net for another instance
// having written a different reference meanwhile). Only what a committed transaction stored is remembered.

const FRESH_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

export class RememberedConversations {
  private readonly stored = new Map<string, { fingerprint: string; at: number }>();

  isFresh(key: string, fingerprint: string, now: number): boolean {
    const entry = this.stored.get(key);
    return entry !== undefined && entry.fingerprint === fingerprint && now - entry.at < FRESH_MS;
  }

  /** Called after the commit that stored it. */
  remember(key: string, fingerprint: string, now: number): void {
    this.stored.delete(key);
    this.stored.set(key, { fingerprint, at: now });
    // A Map iterates in insertion order: the first key is the one stored longest ago.
    if (this.stored.size > MAX_ENTRIES) this.stored.delete(this.stored.keys().next().value!);
  }
}
