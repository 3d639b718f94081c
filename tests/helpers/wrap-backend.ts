import type { StoreBackend } from "../../lib/store/index.ts";

/**
 * A real backend with a hook run before every operation (method name and key or prefix): tests
 * count operations with it, or throw from it to make the store fail from some point on.
 */
export function wrapBackend(real: StoreBackend, before: (operation: keyof StoreBackend, key: string) => void): StoreBackend {
  return {
    create: async (key, value) => (before("create", key), real.create(key, value)),
    createText: async (key, text) => (before("createText", key), real.createText(key, text)),
    put: async (key, value) => (before("put", key), real.put(key, value)),
    get: async <T>(key: string) => (before("get", key), real.get<T>(key)),
    getText: async (key) => (before("getText", key), real.getText(key)),
    delete: async (key) => (before("delete", key), real.delete(key)),
    list: async (prefix) => (before("list", prefix), real.list(prefix)),
    listVersions: async (prefix) => (before("listVersions", prefix), real.listVersions(prefix)),
    sweepLeftovers: async (older, remove) => (before("sweepLeftovers", ""), real.sweepLeftovers(older, remove)),
  };
}

/** A backend that works for `budget` operations, then fails every one: a crash at that point. */
export function crashAfter(real: StoreBackend, budget: number): { backend: StoreBackend; crashed: () => boolean } {
  let used = 0;
  const backend = wrapBackend(real, () => {
    if (++used > budget) throw new Error(`simulated crash after ${budget} store operations`);
  });
  return { backend, crashed: () => used > budget };
}
