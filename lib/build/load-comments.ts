import fs from "node:fs/promises";
import path from "node:path";
import type { PublishedComment } from "../core/catalog.ts";
import { toPublishedComment, type CommentRecord, type CommentStatus } from "../core/comment-record.ts";
import { StoreUnavailableError } from "../core/errors.ts";
import type { Locale } from "../core/locales/index.ts";
import { describeDamaged, type CommentStore, type DamagedRecord } from "../store/index.ts";

/** What the build keeps of a comment between builds: never the email. */
type CachedComment = Pick<CommentRecord, "id" | "slug" | "name" | "content" | "createdAt" | "replyTo" | "author"> & {
  status: CommentStatus;
};

// Version 2 keeps replyTo and author: a version 1 cache (without them) is read from the store again.
const CACHE_VERSION = 2;

interface CommentCache {
  version: typeof CACHE_VERSION;
  entries: Record<string, { version: string; comment: CachedComment }>;
}

/** Approved comments by article slug (oldest first), and what the build saw of the change log. */
export interface LoadedComments {
  bySlug: Map<string, PublishedComment[]>;
  approved: number;
  total: number;
  fetched: number;
  lastChange: string | null;
  seconds: number;
  /** Records that could not be read as comments and were left out, by key. */
  damaged: DamagedRecord[];
}

async function readCache(file: string): Promise<CommentCache> {
  try {
    const cache = JSON.parse(await fs.readFile(file, "utf8")) as CommentCache;
    if (cache.version === CACHE_VERSION) return cache;
  } catch {
    // First build, or a damaged cache: every comment is read from the store.
  }
  return { version: CACHE_VERSION, entries: {} };
}

/**
 * Reads the approved comments for a build. The store is listed with version tags and only comments
 * that are new or changed since the last build are fetched, `concurrency` at a time; the rest come
 * from a cache in `cacheDir` (which never holds emails). A damaged record (not JSON, wrong shape,
 * under the wrong key) is left out with a warning naming its key, so one bad file costs one
 * comment, not all of them. A store that cannot be read becomes a StoreUnavailableError naming the store;
 * the caller decides whether that stops the build.
 */
export async function loadApprovedComments(
  store: CommentStore,
  storeLabel: string,
  options: { cacheDir: string; timeZone: string; locale: Locale; concurrency?: number; warn?: (line: string) => void },
): Promise<LoadedComments> {
  const started = performance.now();
  const cacheFile = path.join(options.cacheDir, "comments", "cache.json");
  try {
    // Changes are listed before comments: a decision made while this build reads is newer than
    // `lastChange`, so the next scheduled check still sees it.
    const changes = await store.rebuild.listChanges();
    const listed = await store.listCommentVersions();
    const cache = await readCache(cacheFile);
    const next: CommentCache = { version: CACHE_VERSION, entries: {} };
    const stale = listed.filter(({ key, version }) => {
      const hit = cache.entries[key];
      if (hit && hit.version === version) next.entries[key] = hit;
      return !next.entries[key];
    });
    const damaged: DamagedRecord[] = [];
    let cursor = 0;
    const workers = Array.from({ length: Math.min(options.concurrency ?? 32, stale.length) }, async () => {
      while (cursor < stale.length) {
        const { key, version } = stale[cursor++]!;
        const read = await store.readComment(key);
        if (read.kind === "damaged") damaged.push(read.damaged);
        if (read.kind !== "record") continue;
        // The record's name and content are the current text (an editor's edit included).
        const { id, slug, name, content, createdAt, status, replyTo, author } = read.record;
        next.entries[key] = { version, comment: { id, slug, name, content, createdAt, status, replyTo, author } };
      }
    });
    await Promise.all(workers);
    damaged.sort((a, b) => (a.key < b.key ? -1 : 1));
    const warn = options.warn ?? ((line: string) => console.warn(`[bantin] warning: ${line}`));
    for (const entry of damaged) warn(describeDamaged(entry));
    await fs.mkdir(path.dirname(cacheFile), { recursive: true });
    await fs.writeFile(`${cacheFile}.tmp`, JSON.stringify(next));
    await fs.rename(`${cacheFile}.tmp`, cacheFile);

    const bySlug = new Map<string, PublishedComment[]>();
    const approved = Object.values(next.entries)
      .map((entry) => entry.comment)
      .filter((comment) => comment.status === "approved")
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const comment of approved) {
      const published = toPublishedComment(comment, options.timeZone, options.locale);
      const list = bySlug.get(comment.slug);
      if (list) list.push(published);
      else bySlug.set(comment.slug, [published]);
    }
    return {
      bySlug,
      approved: approved.length,
      total: listed.length,
      fetched: stale.length,
      lastChange: changes.at(-1) ?? null,
      seconds: (performance.now() - started) / 1000,
      damaged,
    };
  } catch (error) {
    throw new StoreUnavailableError(`approved comments could not be read from ${storeLabel}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
