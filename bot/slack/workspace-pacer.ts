// Keeps a workspace's posts within Slack's per-workspace rate: at most `limit` sends in any `windowMs`,
// counted on the send times themselves. Throttling libraries (p-throttle and the like) schedule calls
// ahead on timers; when the event loop stalls (a busy digest run, embedded PGlite), the overdue timers all
// fire at once and the burst goes over the limit as Slack counts it. Counting actual sends cannot.

export type Pacer = () => Promise<void>;

export function createWorkspacePacer(limit: number, windowMs: number, sleep: (ms: number) => Promise<void>): Pacer {
  const sent: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  const turn = async () => {
    for (;;) {
      const now = Date.now();
      while (sent.length > 0 && sent[0]! <= now - windowMs) sent.shift();
      if (sent.length < limit) {
        sent.push(now);
        return;
      }
      await sleep(sent[0]! + windowMs - now + 1);
    }
  };
  // One waiter at a time, in arrival order, so no channel starves.
  return () => (queue = queue.then(turn));
}
