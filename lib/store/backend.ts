import { BantinError, StoreUnavailableError } from "../core/errors.ts";
import { createLog } from "../log.ts";

const log = createLog("store");

/**
 * The few operations a comment store needs from a key-value backend. Keys are `/`-separated paths
 * of safe characters; values are JSON. Failures are StoreErrors naming the key.
 */
export interface StoreBackend {
  /** Writes `value` only if `key` does not exist yet; false when it already did. Never overwrites. */
  create(key: string, value: unknown): Promise<boolean>;
  /** Writes `value`, replacing any earlier one, in one step (readers see old or new, never half). */
  put(key: string, value: unknown): Promise<void>;
  /** The value, or null when there is none. A value that is not JSON is a DamagedValueError. */
  get<T>(key: string): Promise<T | null>;
  /** The stored text exactly as it is (even when it is not JSON), or null when there is none. */
  getText(key: string): Promise<string | null>;
  /** Writes `text` as it is, only if `key` does not exist yet (for keeping damaged values aside). */
  createText(key: string, text: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`. */
  list(prefix: string): Promise<string[]>;
  /** Every key with a version tag that changes whenever its value does (an etag, or mtime+size). */
  listVersions(prefix: string): Promise<{ key: string; version: string }[]>;
  /**
   * Temporary files that writers killed mid-write left behind and that are older than `before`
   * (names relative to the store), removed when `remove` is set. A backend that writes in one
   * step has none.
   */
  sweepLeftovers(before: Date, remove: boolean): Promise<string[]>;
}

/** A temporary file older than this (ms) belongs to no write in progress: housekeeping removes it. */
export const LEFTOVER_AGE_MS = 60 * 60_000;

/** A store operation failed: says which key, what was attempted, and the backend's reason (retry later). */
export class StoreError extends StoreUnavailableError {
  readonly operation: string;
  readonly key: string;

  constructor(operation: string, key: string, cause: unknown) {
    super(`could not ${operation} "${key}" in the comment store: ${describeCause(cause)}`, { cause });
    this.operation = operation;
    this.key = key;
  }
}

/** A stored value that cannot be parsed as JSON: `npm run comments -- doctor` lists and fixes it. */
export class DamagedValueError extends BantinError {
  readonly key: string;
  readonly reason: string;

  constructor(key: string, reason: string, cause?: unknown) {
    super(
      `"${key}" in the comment store is damaged (${reason}); run \`npm run comments -- doctor\` to see it and \`doctor --fix\` to move it aside`,
      { cause },
    );
    this.key = key;
    this.reason = reason;
  }
}

/** The OS or network reason of a failure, in one line. */
function describeCause(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split("\n")[0]!;
}

/** Parses a stored value, or throws a DamagedValueError naming the key (empty and truncated text). */
export function parseStoredText<T>(key: string, text: string): T {
  if (text.trim() === "") throw new DamagedValueError(key, "empty value");
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new DamagedValueError(key, `not JSON: ${describeCause(error)}`, error);
  }
}

/** Runs one backend operation, turning any failure but a DamagedValueError into a StoreError. */
export async function runStoreOperation<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  // Only the key's first segment is logged: later ones may name a reader's client hash.
  const prefix = key.split("/")[0];
  try {
    const result = await run();
    log.debug("%s %s/… %dms", operation, prefix, Math.round(performance.now() - started));
    return result;
  } catch (error) {
    log.debug("%s %s/… failed after %dms: %s", operation, prefix, Math.round(performance.now() - started), describeCause(error));
    if (error instanceof BantinError) throw error;
    throw new StoreError(operation, key, error);
  }
}

/** Keys come from slugs and generated ids; this guard keeps a bad one from escaping a folder. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new BantinError(`invalid store key "${key}"`);
  }
}
