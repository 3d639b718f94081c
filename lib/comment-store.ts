import { createHash } from "node:crypto";
import { getCommentKey, type CommentRecord } from "./core/comment-record.ts";
import { getIdTime } from "./core/ids.ts";
import type { StoreBackend } from "./stores/backend.ts";

/** What `submit` did with a new comment. */
export type SubmitResult = { stored: true; id: string } | { stored: false; duplicateOf: string };

interface DuplicateMarker {
  id: string;
  slug: string;
  createdAt: string;
}

// Within this many milliseconds a marker whose comment is not visible yet is taken as a write in
// flight (the same submission sent twice at once), not as a leftover of a failed write.
const IN_FLIGHT_MS = 60_000;

const hashKey = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Comments in a key-value backend (Netlify Blobs or local files), one record per key
 * `comments/<slug>/<id>`. No shared list is ever read, changed and written back, so concurrent
 * submissions cannot overwrite each other.
 */
// Identical submissions handled by this process at the same moment wait for the first one, and
// one client's rate-limit claims are taken one after another. Why: Netlify Blobs makes onlyIfNew
// atomic, but its local emulator checks then writes, so racing requests in one process could both
// win there. Module-level, because a function opens a store per request.
const inFlight = new Map<string, Promise<SubmitResult>>();
const claims = new Map<string, Promise<unknown>>();

export class CommentStore {
  constructor(readonly backend: StoreBackend) {}

  /**
   * Stores a new pending comment unless the same comment (article, email, text) is already stored.
   * The duplicate marker is claimed first with a create-only write, so two identical submissions
   * racing each other store one record. If storing fails, the marker is released again.
   */
  async submit(record: CommentRecord, duplicateKey: string): Promise<SubmitResult> {
    const markerKey = `dedupe/${hashKey(duplicateKey)}`;
    const running = inFlight.get(markerKey);
    if (running) {
      const first = await running.catch(() => null);
      if (first) return { stored: false, duplicateOf: first.stored ? first.id : first.duplicateOf };
    }
    const attempt = this.claimAndStore(record, markerKey);
    inFlight.set(markerKey, attempt);
    try {
      return await attempt;
    } finally {
      if (inFlight.get(markerKey) === attempt) inFlight.delete(markerKey);
    }
  }

  private async claimAndStore(record: CommentRecord, markerKey: string): Promise<SubmitResult> {
    const marker: DuplicateMarker = { id: record.id, slug: record.slug, createdAt: record.createdAt };
    if (!(await this.backend.create(markerKey, marker))) {
      const existing = await this.backend.get<DuplicateMarker>(markerKey);
      if (existing) {
        const age = Date.parse(record.createdAt) - Date.parse(existing.createdAt);
        const alive = age < IN_FLIGHT_MS || (await this.backend.get(getCommentKey(existing.slug, existing.id))) !== null;
        if (alive) return { stored: false, duplicateOf: existing.id };
      }
      await this.backend.put(markerKey, marker);
    }
    try {
      if (!(await this.backend.create(getCommentKey(record.slug, record.id), record))) {
        throw new Error(`comment id ${record.id} already exists`);
      }
    } catch (error) {
      await this.backend.delete(markerKey).catch(() => undefined);
      throw error;
    }
    return { stored: true, id: record.id };
  }

  /** The comment with this id, or null. Ids are unique across articles. */
  async get(id: string): Promise<CommentRecord | null> {
    return (await this.getMany([id])).get(id) ?? null;
  }

  /** The comments with these ids (one key listing for all of them); missing ids are absent. */
  async getMany(ids: readonly string[]): Promise<Map<string, CommentRecord>> {
    const wanted = new Set(ids);
    const keys = (await this.backend.list("comments/")).filter((key) => wanted.has(key.slice(key.lastIndexOf("/") + 1)));
    const found = new Map<string, CommentRecord>();
    for (const record of await Promise.all(keys.map((key) => this.backend.get<CommentRecord>(key)))) {
      if (record) found.set(record.id, record);
    }
    return found;
  }

  /** Every comment (of one article when `slug` is given), oldest first. */
  async list(slug?: string, concurrency = 32): Promise<CommentRecord[]> {
    return this.readAll(await this.backend.list(slug ? `comments/${slug}/` : "comments/"), concurrency);
  }

  private async readAll(keys: readonly string[], concurrency: number): Promise<CommentRecord[]> {
    const records: CommentRecord[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, keys.length) }, async () => {
        while (next < keys.length) {
          const record = await this.backend.get<CommentRecord>(keys[next++]!);
          if (record) records.push(record);
        }
      }),
    );
    return records.sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Replaces a stored comment (a moderation decision). Only that one record is written, plus a
   * `decided/<id>` marker once it is no longer pending, so the queue is found without reading
   * every comment ever stored.
   */
  async update(record: CommentRecord): Promise<void> {
    await this.backend.put(getCommentKey(record.slug, record.id), record);
    if (record.status === "pending") await this.backend.delete(`decided/${record.id}`);
    else await this.backend.put(`decided/${record.id}`, {});
  }

  /** Comments waiting for a decision, oldest first: two key listings, then only those records. */
  async listPending(concurrency = 32): Promise<CommentRecord[]> {
    const [keys, decided] = await Promise.all([this.backend.list("comments/"), this.backend.list("decided/")]);
    const done = new Set(decided.map((key) => key.slice("decided/".length)));
    const waiting = keys.filter((key) => !done.has(key.slice(key.lastIndexOf("/") + 1)));
    return (await this.readAll(waiting, concurrency)).filter((record) => record.status === "pending");
  }

  /** Erases a comment and its duplicate marker: nothing of it stays in the store. */
  async delete(record: CommentRecord, duplicateKey: string): Promise<void> {
    await this.backend.delete(getCommentKey(record.slug, record.id));
    await this.backend.delete(`dedupe/${hashKey(duplicateKey)}`);
    await this.backend.delete(`decided/${record.id}`);
  }

  /**
   * Claims one of the client's `max` submission slots in the current fixed window, with create-only
   * writes (`rate/<client>/<window end>/<n>`): no listing and no shared counter, so racing requests
   * cannot both take the last slot. Returns the seconds until the window ends when none is left.
   */
  async claimRateSlot(clientHash: string, now: Date, limit: { max: number; windowMs: number }): Promise<{ ok: true; key: string } | { ok: false; retryAfter: number }> {
    // Claims from one client are taken one after another in this process (see `claims`).
    const previous = claims.get(clientHash) ?? Promise.resolve();
    const claim = previous.then(async () => {
      const windowEnd = (Math.floor(now.getTime() / limit.windowMs) + 1) * limit.windowMs;
      for (let slot = 0; slot < limit.max; slot++) {
        const key = `rate/${clientHash}/${windowEnd / 1000}/${slot}`;
        if (await this.backend.create(key, {})) return { ok: true as const, key };
      }
      return { ok: false as const, retryAfter: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) };
    });
    const settled = claim.catch(() => undefined);
    claims.set(clientHash, settled);
    void settled.then(() => {
      if (claims.get(clientHash) === settled) claims.delete(clientHash);
    });
    return claim;
  }

  /** Gives a claimed slot back (the submission it was for could not be stored). */
  async releaseRateSlot(key: string): Promise<void> {
    await this.backend.delete(key);
  }

  /**
   * Removes what has served its purpose (run from the scheduled function): rate-limit slots of
   * ended windows, failed sign-ins older than a day, spam counts older than 30 days.
   */
  async pruneExpired(now: Date): Promise<number> {
    const day = 86_400_000;
    const idAge = (key: string) => now.getTime() - getIdTime(key.slice(key.lastIndexOf("/") + 1)).getTime();
    const [rate, failures, spam] = await Promise.all(["rate/", "authfail/", "spam/"].map((prefix) => this.backend.list(prefix)));
    const expired = [
      ...rate!.filter((key) => Number(key.split("/")[2]) * 1000 <= now.getTime()),
      ...failures!.filter((key) => idAge(key) > day),
      ...spam!.filter((key) => idAge(key) > 30 * day),
    ];
    await Promise.all(expired.map((key) => this.backend.delete(key)));
    return expired.length;
  }

  /** Counts a rejected spam attempt (no content kept): `spam/<day>/<id>`. */
  async recordSpam(id: string, reason: string, now: Date): Promise<void> {
    await this.backend.create(`spam/${now.toISOString().slice(0, 10)}/${id}`, { reason });
  }

  /** Spam attempts counted on a day (`YYYY-MM-DD`), or on all days. */
  async countSpam(day?: string): Promise<number> {
    return (await this.backend.list(day ? `spam/${day}/` : "spam/")).length;
  }
}
