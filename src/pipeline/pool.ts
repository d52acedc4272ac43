// Runs async work over items with at most `limit` in flight; the first failure stops new work and rejects.

export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      try {
        await work(items[next++]!);
      } catch (err) {
        next = items.length; // stop the other workers from taking more
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
