import type { CommentRecord } from "../core/comment-record.ts";
import { isSlug } from "../core/slugs.ts";
import { DamagedValueError, type StoreBackend } from "./backend.ts";
import { commentKey, commentPrefix, idIndexKey, idOfCommentKey } from "./keys.ts";
import { readCommentKey, type DamagedRecord, type ReadRecord } from "./read-record.ts";

/** What one comment id is in the store: a comment, or a damaged record under its key. */
export type FoundComment = { key: string; record: CommentRecord } | { key: string; damaged: DamagedRecord };

/** What an `ids/<id>` entry holds: the article of that comment, so its key is known without a listing. */
interface IdIndexEntry {
  slug: string;
}

/** Writes the index entry of a comment (create-only: an id belongs to one comment for ever); false when it was there. */
export async function indexCommentId(backend: StoreBackend, id: string, slug: string): Promise<boolean> {
  const entry: IdIndexEntry = { slug };
  return backend.create(idIndexKey(id), entry);
}

/** The slug the index gives for `id`; null when there is no entry or it is unusable. */
async function lookUpCommentId(backend: StoreBackend, id: string): Promise<string | null> {
  let entry: Partial<IdIndexEntry> | null;
  try {
    entry = await backend.get<Partial<IdIndexEntry>>(idIndexKey(id));
  } catch (error) {
    // Why: a damaged entry only costs the slower way (a listing), never the comment.
    if (error instanceof DamagedValueError) return null;
    throw error;
  }
  return entry && typeof entry.slug === "string" && isSlug(entry.slug) ? entry.slug : null;
}

/** Removes the index entry of `id` (the comment is erased). */
export async function unindexCommentId(backend: StoreBackend, id: string): Promise<void> {
  await backend.delete(idIndexKey(id));
}

/**
 * What each of these ids is in the store, damaged records included; missing ids are absent.
 * Each id is looked up in the id index first (one read, then its record); only ids the index
 * does not lead to (records stored before the index existed, or no such id) cost one listing of
 * `comments/`, shared by all of them.
 */
export async function findCommentsById(backend: StoreBackend, ids: readonly string[]): Promise<Map<string, FoundComment>> {
  const found = new Map<string, FoundComment>();
  const keep = (key: string, read: ReadRecord) => {
    if (read.kind === "record") found.set(idOfCommentKey(key), { key, record: read.record });
    else if (read.kind === "damaged") found.set(idOfCommentKey(key), { key, damaged: read.damaged });
    return read.kind !== "missing";
  };
  const unknown: string[] = [];
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const slug = await lookUpCommentId(backend, id);
      const key = slug ? commentKey(slug, id) : null;
      if (!key || !keep(key, await readCommentKey(backend, key))) unknown.push(id);
    }),
  );
  if (unknown.length === 0) return found;
  const wanted = new Set(unknown);
  const keys = (await backend.list(commentPrefix())).filter((key) => wanted.has(idOfCommentKey(key)));
  await Promise.all(keys.map(async (key) => keep(key, await readCommentKey(backend, key))));
  return found;
}
