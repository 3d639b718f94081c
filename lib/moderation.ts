import { decideComment, type CommentRecord, type CommentStatus } from "./core/comment-record.ts";
import { getDuplicateKey } from "./core/comment-rules.ts";
import type { CommentStore } from "./comment-store.ts";
import { RebuildState } from "./rebuild-state.ts";

/** The outcome for one id of a moderation command. */
export type ModerationOutcome = { id: string; ok: true; record: CommentRecord } | { id: string; ok: false; reason: string };

/**
 * Approves or rejects comments by id. Each decision rewrites only its own record, stamps when and
 * by whom, and leaves a change note so the next scheduled check rebuilds the site.
 */
export async function decideComments(store: CommentStore, ids: readonly string[], status: Exclude<CommentStatus, "pending">, by: string | null, now: Date): Promise<ModerationOutcome[]> {
  const state = new RebuildState(store.backend);
  const outcomes: ModerationOutcome[] = [];
  const records = await store.getMany(ids);
  for (const id of ids) {
    const record = records.get(id);
    if (!record) {
      outcomes.push({ id, ok: false, reason: `no comment has the id ${id}` });
      continue;
    }
    const decided = decideComment(record, status, now, by);
    await store.update(decided);
    if (status === "approved") await state.rememberApprovedEmail(record.email);
    await state.noteChange({ kind: status, id, slug: record.slug, by }, now);
    outcomes.push({ id, ok: true, record: decided });
  }
  return outcomes;
}

/** Erases comments (a reader's request to be forgotten): the record and its duplicate marker go. */
export async function eraseComments(store: CommentStore, ids: readonly string[], by: string | null, now: Date): Promise<ModerationOutcome[]> {
  const state = new RebuildState(store.backend);
  const outcomes: ModerationOutcome[] = [];
  const records = await store.getMany(ids);
  for (const id of ids) {
    const record = records.get(id);
    if (!record) {
      outcomes.push({ id, ok: false, reason: `no comment has the id ${id}` });
      continue;
    }
    await store.delete(record, getDuplicateKey(record));
    await state.forgetApprovedEmail(record.email);
    await state.noteChange({ kind: "deleted", id, slug: record.slug, by }, now);
    outcomes.push({ id, ok: true, record });
  }
  return outcomes;
}
