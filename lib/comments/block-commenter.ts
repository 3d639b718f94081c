import type { CommentRecord } from "../core/comment-record.ts";
import type { BlockKind, CommentStore } from "../store/index.ts";
import { actOnComment, type EditorOutcome, fail } from "./editor-outcome.ts";
import { retry } from "./moderation.ts";

/** How long a block lasts when the editor does not say. */
export const DEFAULT_BLOCK_DAYS = 30;
const MAX_BLOCK_DAYS = 3650;
const DAY_MS = 86_400_000;

/** A block as an editor is told about it: never the email, only what kind and until when. */
export interface BlockSummary {
  kind: BlockKind;
  until: string;
}

/** What to block of a record: its client hash or its email; or why it has none. */
function blockedValue(record: CommentRecord, kind: BlockKind): string | EditorOutcome<never> {
  if (record.author === "newsroom")
    return fail("refused", `comment ${record.id} is the newsroom's own answer; there is no reader to block`);
  if (kind === "email") return record.email;
  if (!record.clientHash)
    return fail(
      "refused",
      `comment ${record.id} has no client hash (its address was not known); block its email instead (--email, or "email" on the desk)`,
    );
  return record.clientHash;
}

/**
 * Blocks the client (by its salted hash) or the email of comment `id` for `days` days (1 to 3650):
 * later submissions from it are treated like the honeypot's. Blocking again replaces the period.
 */
export function blockCommenter(
  store: CommentStore,
  id: string,
  kind: BlockKind,
  days: number,
  by: string,
  now: Date,
): Promise<EditorOutcome<BlockSummary>> {
  return actOnComment(store, id, "block", async (record) => {
    if (!Number.isInteger(days) || days < 1 || days > MAX_BLOCK_DAYS)
      return fail("invalid", `the block period must be a whole number of days from 1 to ${MAX_BLOCK_DAYS}, not ${days}`);
    const value = blockedValue(record, kind);
    if (typeof value !== "string") return value;
    const until = new Date(now.getTime() + days * DAY_MS);
    await retry(() => store.blocks.add(kind, value, until, by, now));
    return { ok: true, value: { kind, until: until.toISOString() } };
  });
}

/** Lifts the block on the client or the email of comment `id`; `false` when there was none. */
export function unblockCommenter(store: CommentStore, id: string, kind: BlockKind): Promise<EditorOutcome<boolean>> {
  return actOnComment(store, id, "unblock", async (record) => {
    const value = blockedValue(record, kind);
    if (typeof value !== "string") return value;
    return { ok: true, value: await retry(() => store.blocks.remove(kind, value)) };
  });
}
