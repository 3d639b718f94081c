import { applyEdit, checkEditedText } from "../core/comment-edit.ts";
import type { CommentStore } from "../store/index.ts";
import { actOnComment, type EditorOutcome, fail } from "./editor-outcome.ts";
import { retry } from "./moderation.ts";

/**
 * Replaces a comment's name and/or text with an editor's version, before or after approval. The
 * new text is cleaned and checked like a reader's; the reader's own is kept in `original` at the
 * first edit. An edit of a published comment writes a change note first, so its page is rebuilt.
 */
export function editComment(
  store: CommentStore,
  id: string,
  input: { name?: string; content?: string },
  by: string,
  now: Date,
): Promise<EditorOutcome> {
  return actOnComment(store, id, "edit", async (record) => {
    const checked = checkEditedText(input);
    if (!checked.ok) return fail("invalid", `comment ${id} was not edited: ${checked.problems.join("; ")}`);
    const edited = applyEdit(record, checked.fields, by, now);
    if (record.status === "approved") await retry(() => store.rebuild.noteChange({ kind: "edited", id, slug: record.slug, by }, now));
    await retry(() => store.update(edited));
    return { ok: true, value: edited };
  });
}
