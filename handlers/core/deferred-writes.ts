// Writes a command makes whose result nothing in the command reads — today its audit entries — are held
// until the command has run and then sent together with its last statement (the answer kept in the inbox,
// handlers/core/run-command.ts), in one round trip instead of one each (issue 21). They stay inside the
// command's transaction: a refused or failed command drops them with everything else, and a write that
// fails still fails the command before its commit.

export class DeferredWrites {
  private readonly held: (() => Promise<unknown>)[] = [];

  /** The same function, but calling it only notes the write; `flush` sends it. */
  defer<A extends unknown[]>(write: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
    return async (...args) => {
      this.held.push(() => write(...args));
    };
  }

  /** Sends every held write at once, together with `last` (issued in the same turn: the command waits
   *  once for all of them; the driver runs them one after another on the transaction's connection), and
   *  waits for all of them. */
  async flush(last: Promise<unknown>[] = []): Promise<void> {
    const writes = this.held.splice(0).map((write) => write());
    await Promise.all([...writes, ...last]);
  }
}
