import type { CommentRecord } from "../core/comment-record.ts";
import { StoreUnavailableError } from "../core/errors.ts";
import { type CommentStore, DamagedValueError } from "../store/index.ts";
import { damagedReason } from "./moderation.ts";

/**
 * What an editor's action on one comment came to. A failure is `missing` (no such id), `damaged`
 * (its record cannot be read), `invalid` (the text or an option breaks a rule), `refused` (the
 * comment cannot take this action, say why) or `failed` (the store refused a write: run it again).
 */
export type EditorOutcome<T = CommentRecord> =
  | { ok: true; value: T }
  | { ok: false; failure: "missing" | "damaged" | "invalid" | "refused" | "failed"; reason: string };

/** A failure outcome. */
export const fail = (failure: Extract<EditorOutcome, { ok: false }>["failure"], reason: string): EditorOutcome<never> => ({
  ok: false,
  failure,
  reason,
});

/**
 * Finds comment `id` and runs `act` on its record. A missing or damaged id is an outcome; a store
 * that fails during `act` is a `failed` outcome that says the action can be run again.
 */
export async function actOnComment<T>(
  store: CommentStore,
  id: string,
  verb: string,
  act: (record: CommentRecord) => Promise<EditorOutcome<T>>,
): Promise<EditorOutcome<T>> {
  const entry = (await store.find([id])).get(id);
  if (!entry) return fail("missing", `no comment has the id ${id}`);
  if (!("record" in entry)) return fail("damaged", damagedReason(id, entry));
  try {
    return await act(entry.record);
  } catch (error) {
    // A store that failed (or a value it cannot read) is this action's outcome; anything else is a bug.
    if (!(error instanceof StoreUnavailableError || error instanceof DamagedValueError)) throw error;
    return fail("failed", `could not ${verb} ${id}: ${error.message}. Once the store is writable again, run the same command again`);
  }
}
