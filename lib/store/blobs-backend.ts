import type { Store } from "@netlify/blobs";
import { assertSafeKey, parseStoredText, runStoreOperation, type StoreBackend } from "./backend.ts";

/**
 * Netlify Blobs: one blob per key. `create` uses onlyIfNew, so two writers racing for one key
 * cannot both win; nothing here reads, changes and writes back a shared value. A blob is written
 * in one request, so no temporary leftovers exist.
 */
export function createBlobsBackend(store: Store): StoreBackend {
  const readText = async (key: string) => {
    assertSafeKey(key);
    return (await store.get(key, { type: "text" })) ?? null;
  };
  const listVersions = (prefix: string) =>
    runStoreOperation("list", `${prefix}*`, async () => {
      const entries: { key: string; version: string }[] = [];
      for await (const page of store.list({ prefix, paginate: true })) {
        for (const blob of page.blobs) entries.push({ key: blob.key, version: blob.etag });
      }
      return entries;
    });
  return {
    create: (key, value) =>
      runStoreOperation("create", key, async () => {
        assertSafeKey(key);
        return (await store.setJSON(key, value, { onlyIfNew: true })).modified;
      }),
    createText: (key, text) =>
      runStoreOperation("create", key, async () => {
        assertSafeKey(key);
        return (await store.set(key, text, { onlyIfNew: true })).modified;
      }),
    put: (key, value) =>
      runStoreOperation("write", key, async () => {
        assertSafeKey(key);
        await store.setJSON(key, value);
      }),
    get: <T>(key: string) =>
      runStoreOperation("read", key, async () => {
        const text = await readText(key);
        return text === null ? null : parseStoredText<T>(key, text);
      }),
    getText: (key) => runStoreOperation("read", key, () => readText(key)),
    delete: (key) =>
      runStoreOperation("delete", key, async () => {
        assertSafeKey(key);
        await store.delete(key);
      }),
    list: async (prefix) => (await listVersions(prefix)).map((entry) => entry.key),
    listVersions,
    sweepLeftovers: async () => [],
  };
}
