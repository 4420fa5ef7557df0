// Turns for stored commands: how many run at once, and who goes first. Storing and acknowledging a command
// is owed to the platform within seconds (Slack: 3 s), while running it may wait — it is stored, and its
// answer channel stays valid for 30 minutes. Both share one event loop and the database's CPU, so while
// acknowledgements are being written only `floor` commands run; the others start as soon as no
// acknowledgement waits. The floor keeps answers flowing under a flood that never lets up.

export interface TurnsOptions {
  /** Commands running at once at most; more than the connection pool gains nothing. */
  size: number;
  /** Commands that run even while acknowledgements wait, so none starves. */
  floor: number;
  /** Acknowledgements owed right now (commands being stored). */
  urgent(): number;
}

export type Turns = ReturnType<typeof createTurns>;

export function createTurns(options: TurnsOptions) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const mayStart = () => running < options.size && (running < options.floor || options.urgent() === 0);

  function startWaiting(): void {
    while (waiting.length > 0 && mayStart()) {
      running += 1;
      waiting.shift()!();
    }
  }

  return {
    /** Runs `work` when its turn comes; first come, first served. */
    async run<T>(work: () => Promise<T>): Promise<T> {
      // A newcomer never overtakes a command already waiting.
      if (waiting.length === 0 && mayStart()) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        running -= 1;
        startWaiting();
      }
    },
    /** Tells the turns that the urgent work may have finished: waiting commands start if they may. */
    wake: startWaiting,
    get waiting(): number {
      return waiting.length;
    },
  };
}
