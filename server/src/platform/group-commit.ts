// Group commit: callers that arrive while a round is running wait for the next round, which
// serves all of them at once — one folder fsync or one transaction for every message that
// concurrent SMTP sessions handed over meanwhile, one statement for every case that concurrent
// API requests create, instead of one each. Nothing waits on a timer: a lone caller is served
// at the end of the current event-loop turn, and under load the rounds grow by themselves.
// Each round starts only after the loop has read what had arrived meanwhile: with a database that
// works on the main thread (PGlite), nothing can arrive while a round runs, and a round taken
// straight after the previous one would hold a single item.

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Wraps `run` (which serves a round of items, returning one result per item in order) so
 * that concurrent calls are served together, at most `maxItems` per round and at most
 * `rounds` rounds at once (more than one lets a caller start at once instead of waiting for
 * the round in flight). A round that throws rejects each of its callers with that error.
 */
export function groupCommit<T, R>(
  run: (items: T[]) => Promise<R[]>,
  options: { rounds?: number; maxItems?: number } = {},
): (item: T) => Promise<R> {
  const rounds = options.rounds ?? 1;
  const maxItems = options.maxItems ?? 256;
  const waiting: Waiting<T, R>[] = [];
  let inFlight = 0;
  const serve = async (): Promise<void> => {
    inFlight++;
    await new Promise(setImmediate);
    while (waiting.length > 0) {
      const round = waiting.splice(0, maxItems);
      try {
        const results = await run(round.map((entry) => entry.item));
        for (const [index, entry] of round.entries()) entry.resolve(results[index]!);
      } catch (error) {
        for (const entry of round) entry.reject(error);
      }
      await new Promise(setImmediate);
    }
    inFlight--;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (inFlight < rounds) void serve();
    });
}
