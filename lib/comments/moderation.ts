import { setTimeout as sleep } from "node:timers/promises";
import { decideComment, type CommentRecord, type CommentStatus } from "../core/comment-record.ts";
import { getRecordDuplicateKey } from "../core/comment-edit.ts";
import { StoreUnavailableError } from "../core/errors.ts";
import { createLog } from "../log.ts";
import { type CommentStore, DamagedValueError, type FoundComment, idOfCommentKey, StoreError, slugOfCommentKey } from "../store/index.ts";

const log = createLog("moderation");

/**
 * The outcome for one id of a moderation command. `record` is null only for an erased damaged
 * record. A failure is `missing` (no such id), `damaged` (its record cannot be read as a comment)
 * or `failed` (the store refused a write; running the command again finishes it).
 */
export type ModerationOutcome =
  | { id: string; ok: true; slug: string; record: CommentRecord | null }
  | { id: string; ok: false; failure: "missing" | "damaged" | "failed"; reason: string };

const ATTEMPTS = 3;

/** Runs one store write, trying a failed one twice more (a busy disk, a dropped connection). */
export async function retry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= ATTEMPTS || !(error instanceof StoreError)) throw error;
      log.debug("retrying a failed write (attempt %d of %d): %s", attempt + 1, ATTEMPTS, error.message);
      await sleep(50 * attempt);
    }
  }
}

/** Why a damaged record cannot be moderated, and what to do about it. */
export const damagedReason = (id: string, found: Extract<FoundComment, { damaged: unknown }>) =>
  `comment ${id} is damaged ("${found.key}": ${found.damaged.reason}); look at it with \`npm run comments -- show ${id}\`, erase it with \`delete ${id}\`, or move it aside with \`doctor --fix\``;

/**
 * Runs `act` on each id (found through the id index; see CommentStore.find). A missing or damaged id, or a store
 * write that still fails after retries, is an outcome naming the id, the key and the reason;
 * the other ids go on.
 */
async function moderateEach(
  store: CommentStore,
  ids: readonly string[],
  verb: string,
  act: (found: FoundComment) => Promise<{ slug: string; record: CommentRecord | null }>,
  actOnDamaged = false,
): Promise<ModerationOutcome[]> {
  const found = await store.find(ids);
  const outcomes: ModerationOutcome[] = [];
  for (const id of ids) {
    const entry = found.get(id);
    if (!entry) outcomes.push({ id, ok: false, failure: "missing", reason: `no comment has the id ${id}` });
    else if ("damaged" in entry && !actOnDamaged) outcomes.push({ id, ok: false, failure: "damaged", reason: damagedReason(id, entry) });
    else {
      try {
        outcomes.push({ id, ok: true, ...(await act(entry)) });
      } catch (error) {
        // A store that failed (or a value it cannot read) is this id's outcome; anything else is a bug.
        if (!(error instanceof StoreUnavailableError || error instanceof DamagedValueError)) throw error;
        const reason = `could not ${verb} ${id}: ${error.message}. Nothing is lost: once the store is writable again, run the same command again to finish it`;
        outcomes.push({ id, ok: false, failure: "failed", reason });
      }
    }
  }
  log.debug(
    "%s %d id(s): %d done, %d not",
    verb,
    ids.length,
    outcomes.filter((outcome) => outcome.ok).length,
    outcomes.filter((outcome) => !outcome.ok).length,
  );
  return outcomes;
}

const VERBS = { approved: "approve", rejected: "reject", pending: "reopen" } as const;

/**
 * Approves or rejects comments by id, stamping when and by whom, or puts them back in the queue
 * (`pending`: the desk's undo). The writes go in an order that a failure cannot leave
 * half-applied: the change note first (a spare note only costs a rebuild), then the record and its
 * decided marker, then the trust list; a failed write is retried, and a decision that still fails
 * is finished by running it again.
 */
export function decideComments(
  store: CommentStore,
  ids: readonly string[],
  status: CommentStatus,
  by: string | null,
  now: Date,
): Promise<ModerationOutcome[]> {
  return moderateEach(store, ids, VERBS[status], async (found) => {
    const record = (found as { record: CommentRecord }).record;
    const decided = decideComment(record, status, now, by);
    const kind = status === "pending" ? "reopened" : status;
    await retry(() => store.rebuild.noteChange({ kind, id: record.id, slug: record.slug, by }, now));
    await retry(() => store.update(decided));
    // Anything but an approval also withdraws the optional auto-approval trust that email may have had.
    if (status === "approved") await retry(() => store.trust.remember(record.email));
    else await retry(() => store.trust.forget(record.email));
    return { slug: record.slug, record: decided };
  });
}

/**
 * Erases comments (a reader's request to be forgotten): the record and its duplicate marker go,
 * the change note first and the record last, so a failed erase is finished by running it again.
 * A damaged record is erased too: its key is named by id.
 */
export function eraseComments(store: CommentStore, ids: readonly string[], by: string | null, now: Date): Promise<ModerationOutcome[]> {
  return moderateEach(
    store,
    ids,
    "delete",
    async (found) => {
      const slug = slugOfCommentKey(found.key);
      await retry(() => store.rebuild.noteChange({ kind: "deleted", id: idOfCommentKey(found.key), slug, by }, now));
      if ("record" in found) {
        await retry(() => store.trust.forget(found.record.email));
        await retry(() => store.delete(found.record, getRecordDuplicateKey(found.record)));
        return { slug, record: found.record };
      }
      await retry(() => store.deleteKey(found.key));
      return { slug, record: null };
    },
    true,
  );
}
