import { randomBytes } from "node:crypto";
import type { CommentRecord } from "../core/comment-record.ts";
import { buildNewsroomAnswer, getRecordDuplicateKey, refuseAnswerTarget } from "../core/comment-edit.ts";
import { createSortableId } from "../core/ids.ts";
import type { CommentStore } from "../store/index.ts";
import { actOnComment, type EditorOutcome, fail } from "./editor-outcome.ts";
import { retry } from "./moderation.ts";

/** Who answers and when: the newsroom's name from site.json and the editor who writes the answer. */
export interface AnswerAuthor {
  newsroomName: string;
  by: string;
  now: Date;
}

/**
 * Publishes the newsroom's answer to the published top-level comment `parentId`: a new record
 * under the newsroom's name (never the editor's email), approved at once. The change note goes
 * first, so the batch rebuild shows the answer; then the record, then its decided marker. Refused
 * for an unknown, unpublished or reply comment, and for a text that breaks the intake's rules.
 */
export function answerAsNewsroom(store: CommentStore, parentId: string, text: string, author: AnswerAuthor): Promise<EditorOutcome> {
  return actOnComment(store, parentId, "answer", async (parent: CommentRecord) => {
    const refusal = refuseAnswerTarget(parent);
    if (refusal) return fail("refused", refusal);
    const id = createSortableId(author.now, randomBytes(10));
    const built = buildNewsroomAnswer(parent, text, { id, ...author });
    if (!built.ok) return fail("invalid", built.problems.join("; "));
    const answer = built.fields;
    await retry(() => store.rebuild.noteChange({ kind: "answered", id, slug: answer.slug, by: author.by }, author.now));
    const stored = await retry(() => store.submit(answer, getRecordDuplicateKey(answer)));
    if (!stored.stored) return fail("refused", `the same answer is already published on this article as ${stored.duplicateOf}`);
    await retry(() => store.update(answer));
    return { ok: true, value: answer };
  });
}
