import { decideComment, type CommentRecord, type CommentStatus } from "./core/comment-record.ts";
import { getDuplicateKey } from "./core/comment-rules.ts";
import type { CommentStore } from "./comment-store.ts";
import { RebuildState } from "./rebuild-state.ts";

/** The outcome for one id of a moderation command. */
export type ModerationOutcome = { id: string; ok: true; record: CommentRecord } | { id: string; ok: false; reason: string };

/** Runs `act` on each comment found (one key listing for all ids); a missing id is an outcome, not an error. */
async function moderateEach(store: CommentStore, ids: readonly string[], act: (record: CommentRecord, state: RebuildState) => Promise<CommentRecord>): Promise<ModerationOutcome[]> {
  const state = new RebuildState(store.backend);
  const records = await store.getMany(ids);
  const outcomes: ModerationOutcome[] = [];
  for (const id of ids) {
    const record = records.get(id);
    outcomes.push(record ? { id, ok: true, record: await act(record, state) } : { id, ok: false, reason: `no comment has the id ${id}` });
  }
  return outcomes;
}

/**
 * Approves or rejects comments by id. Each decision rewrites only its own record, stamps when and
 * by whom, and leaves a change note so the next scheduled check rebuilds the site.
 */
export function decideComments(store: CommentStore, ids: readonly string[], status: Exclude<CommentStatus, "pending">, by: string | null, now: Date): Promise<ModerationOutcome[]> {
  return moderateEach(store, ids, async (record, state) => {
    const decided = decideComment(record, status, now, by);
    await store.update(decided);
    // A rejection also withdraws the optional auto-approval trust that email may have had.
    if (status === "approved") await state.rememberApprovedEmail(record.email);
    else await state.forgetApprovedEmail(record.email);
    await state.noteChange({ kind: status, id: record.id, slug: record.slug, by }, now);
    return decided;
  });
}

/** Erases comments (a reader's request to be forgotten): the record and its duplicate marker go. */
export function eraseComments(store: CommentStore, ids: readonly string[], by: string | null, now: Date): Promise<ModerationOutcome[]> {
  return moderateEach(store, ids, async (record, state) => {
    await store.delete(record, getDuplicateKey(record));
    await state.forgetApprovedEmail(record.email);
    await state.noteChange({ kind: "deleted", id: record.id, slug: record.slug, by }, now);
    return record;
  });
}
