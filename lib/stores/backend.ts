/**
 * The few operations a comment store needs from a key-value backend. Keys are `/`-separated paths
 * of safe characters; values are JSON.
 */
export interface StoreBackend {
  /** Writes `value` only if `key` does not exist yet; false when it already did. Never overwrites. */
  create(key: string, value: unknown): Promise<boolean>;
  /** Writes `value`, replacing any earlier one, in one step (readers see old or new, never half). */
  put(key: string, value: unknown): Promise<void>;
  /** The value, or null when there is none. */
  get<T>(key: string): Promise<T | null>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`. */
  list(prefix: string): Promise<string[]>;
  /** Every key with a version tag that changes whenever its value does (an etag, or mtime+size). */
  listVersions(prefix: string): Promise<{ key: string; version: string }[]>;
}

/** Keys come from slugs and generated ids; this guard keeps a bad one from escaping a folder. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new Error(`invalid store key "${key}"`);
  }
}
