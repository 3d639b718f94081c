import { isSlug } from "../core/slugs.ts";
import { DamagedValueError, type StoreBackend } from "./backend.ts";
import { idIndexKey } from "./keys.ts";

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
export async function lookUpCommentId(backend: StoreBackend, id: string): Promise<string | null> {
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
