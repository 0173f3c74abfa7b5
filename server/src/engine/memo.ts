/**
 * A pure reading remembered across documents, for readings of small values that come back in every file (a
 * variable name, a file name, an image reference): the first call reads, later calls with the same key look it up.
 * The store is emptied when it holds `limit` entries, so that memory stays bounded in a long-running server.
 */
export function remembered<A, T>(read: (arg: A) => T, keyOf: (arg: A) => string = String, limit = 10_000): (arg: A) => T {
  const store = new Map<string, T>();
  return (arg: A): T => {
    const key = keyOf(arg);
    if (store.has(key)) return store.get(key)!;
    if (store.size >= limit) store.clear();
    const value = read(arg);
    store.set(key, value);
    return value;
  };
}
