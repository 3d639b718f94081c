import type { Store } from "@netlify/blobs";
import { assertSafeKey, type StoreBackend } from "./backend.ts";

/**
 * Netlify Blobs: one blob per key. `create` uses onlyIfNew, so two writers racing for one key
 * cannot both win; nothing here reads, changes and writes back a shared value.
 */
export function createBlobsBackend(store: Store): StoreBackend {
  const backend: StoreBackend = {
    async create(key, value) {
      assertSafeKey(key);
      const result = await store.setJSON(key, value, { onlyIfNew: true });
      return result.modified;
    },
    async put(key, value) {
      assertSafeKey(key);
      await store.setJSON(key, value);
    },
    async get<T>(key: string) {
      assertSafeKey(key);
      return ((await store.get(key, { type: "json" })) as T | null) ?? null;
    },
    async delete(key) {
      assertSafeKey(key);
      await store.delete(key);
    },
    async list(prefix) {
      return (await backend.listVersions(prefix)).map((entry) => entry.key);
    },
    async listVersions(prefix) {
      const entries: { key: string; version: string }[] = [];
      for await (const page of store.list({ prefix, paginate: true })) {
        for (const blob of page.blobs) entries.push({ key: blob.key, version: blob.etag });
      }
      return entries;
    },
  };
  return backend;
}
