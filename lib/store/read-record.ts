import { checkStoredRecord, type CommentRecord } from "../core/comment-record.ts";
import { DamagedValueError, type StoreBackend } from "./backend.ts";
import { commentKey } from "./keys.ts";

/** A stored comment key that does not hold a usable comment, and why. */
export interface DamagedRecord {
  key: string;
  reason: string;
}

/** What one comment key holds: nothing, a comment, or something damaged. */
export type ReadRecord = { kind: "missing" } | { kind: "record"; record: CommentRecord } | { kind: "damaged"; damaged: DamagedRecord };

/**
 * Reads and checks the comment under `key`. Unparseable JSON, an empty file, a wrong shape or a
 * record filed under another key are `damaged` (named by key), never an exception; a store that
 * cannot be read at all still throws its StoreError.
 */
export async function readCommentKey(backend: StoreBackend, key: string): Promise<ReadRecord> {
  let value: unknown;
  try {
    value = await backend.get<unknown>(key);
  } catch (error) {
    if (error instanceof DamagedValueError) return { kind: "damaged", damaged: { key, reason: error.reason } };
    throw error;
  }
  if (value === null) return { kind: "missing" };
  const check = checkStoredRecord(key, value, commentKey);
  return check.ok ? { kind: "record", record: check.record } : { kind: "damaged", damaged: { key, reason: check.reason } };
}

/** Reads many comment keys, `concurrency` at a time: the comments oldest first, and the damaged keys. */
export async function readCommentKeys(
  backend: StoreBackend,
  keys: readonly string[],
  concurrency = 32,
): Promise<{ records: CommentRecord[]; damaged: DamagedRecord[] }> {
  const records: CommentRecord[] = [];
  const damaged: DamagedRecord[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, keys.length) }, async () => {
      while (next < keys.length) {
        const read = await readCommentKey(backend, keys[next++]!);
        if (read.kind === "record") records.push(read.record);
        else if (read.kind === "damaged") damaged.push(read.damaged);
      }
    }),
  );
  records.sort((a, b) => a.id.localeCompare(b.id));
  damaged.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { records, damaged };
}

/** One line for a skipped damaged record: which key, why, and what to run. */
export function describeDamaged(damaged: DamagedRecord): string {
  return `skipped damaged comment record "${damaged.key}" (${damaged.reason}); run \`npm run comments -- doctor\``;
}
