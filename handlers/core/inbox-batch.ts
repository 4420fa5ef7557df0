// Group commit for the inbox: every command must be stored before it is acknowledged, and one INSERT per
// command costs a round trip and a WAL flush each, which on a busy machine is most of an acknowledgement.
// Commands that arrive while earlier writes are still in flight are written together in one multi-row
// INSERT, and each caller learns its own result when that statement has committed. With nothing in flight a
// command is written at once (after the current turn of the event loop, so commands read from the network
// in the same turn share a statement): batching costs no waiting at low load and emerges under load.

export interface GroupCommitOptions<I, R> {
  /** Writes the items in one statement and settles each, in order (a write may fall back to writing some
   *  alone); throws when nothing was written. */
  write(items: I[]): Promise<PromiseSettledResult<R>[]>;
  /** Items per statement: bounds the statement's size and how long its rows stay locked. */
  maxBatch: number;
  /** Statements in flight at once; later items wait for one of them to finish, which bounds their wait. */
  maxInFlight: number;
}

export interface Submitted<R> {
  result: Promise<R>;
  /** Takes the item back if it has not been sent yet; true when it never will be (it is then rejected). */
  withdraw(): boolean;
}

interface Entry<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export type GroupCommit<I, R> = ReturnType<typeof createGroupCommit<I, R>>;

export function createGroupCommit<I, R>(options: GroupCommitOptions<I, R>) {
  const waiting: Entry<I, R>[] = [];
  let inFlight = 0;
  let sending = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || inFlight >= options.maxInFlight || waiting.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      inFlight += 1;
      sending += batch.length;
      void send(batch).finally(() => {
        inFlight -= 1;
        sending -= batch.length;
        schedule();
      });
    }
  }

  async function send(batch: Entry<I, R>[]): Promise<void> {
    try {
      const results = await options.write(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => {
        const result = results[i];
        if (result?.status === 'fulfilled') entry.resolve(result.value);
        else entry.reject(result ? result.reason : new Error('inbox: the write returned no result for this item'));
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  return {
    submit(item: I): Submitted<R> {
      let entry!: Entry<I, R>;
      const result = new Promise<R>((resolve, reject) => {
        entry = { item, resolve, reject };
      });
      waiting.push(entry);
      schedule();
      return {
        result,
        withdraw() {
          const at = waiting.indexOf(entry);
          if (at < 0) return false;
          waiting.splice(at, 1);
          entry.reject(new Error('inbox: withdrawn before it was written'));
          return true;
        },
      };
    },
    /** Items written or waiting to be: the acknowledgements still owed (the worker pool yields to them). */
    get pending(): number {
      return waiting.length + sending;
    },
  };
}
