import type { CommentRecord } from "../core/comment-record.ts";
import { StoreUnavailableError } from "../core/errors.ts";
import { createLog } from "../log.ts";
import type { StoreBackend } from "./backend.ts";
import { examineBackend, type DoctorReport } from "./doctor.ts";
import { findLiveDuplicate, readMarker, type DuplicateMarker } from "./duplicate-marker.ts";
import { findCommentsById, indexCommentId, unindexCommentId, type FoundComment } from "./id-index.ts";
import { commentKey, commentPrefix, DECIDED_PREFIX, decidedKey, duplicateMarkerKey, idOfCommentKey, idOfDecidedKey } from "./keys.ts";
import { pruneExpiredKeys } from "./housekeeping.ts";
import { countSpam, recordSpam } from "./spam-counts.ts";
import { claimSlotInTurn, type RateClaim } from "./rate-slots.ts";
import { describeDamaged, readCommentKey, readCommentKeys, type DamagedRecord, type ReadRecord } from "./read-record.ts";
import { RebuildState } from "./rebuild-state.ts";
import { countSignInFailures, recordSignInFailure } from "./sign-in-failures.ts";
import { BlockList } from "./block-list.ts";
import { AlertState } from "./alert-state.ts";
import { TrustList } from "./trust-list.ts";

export type { DamagedRecord } from "./read-record.ts";

/** What `submit` did with a new comment. */
export type SubmitResult = { stored: true; id: string } | { stored: false; duplicateOf: string };

/** Comments read from the store, and the damaged keys that were skipped. */
export interface RecordScan {
  records: CommentRecord[];
  damaged: DamagedRecord[];
}

export type { FoundComment } from "./id-index.ts";

/** What `importRecord` did with one record of an export file. */
export type ImportResult = { stored: true } | { stored: false; present: true } | { stored: false; present: false; duplicateOf: string };

/**
 * Comments in a key-value backend (Netlify Blobs or local files), one record per key
 * `comments/<slug>/<id>`. No shared list is ever read, changed and written back, so concurrent
 * submissions cannot overwrite each other.
 */
// Identical submissions handled by this process at the same moment wait for the first one. Why:
// Netlify Blobs makes onlyIfNew atomic, but its local emulator checks then writes, so racing
// requests in one process could both win there. Module-level: a function opens a store per request.
const log = createLog("store");
const inFlight = new Map<string, Promise<SubmitResult>>();

export class CommentStore {
  /** Told about each damaged record that `list`, `listPending` or `getMany` skip; a warning by default. */
  onDamaged: (damaged: DamagedRecord) => void = (damaged) => log.warn(describeDamaged(damaged));

  /** Change notes and build markers (made once per store). */
  readonly rebuild: RebuildState;
  /** Emails with an approved comment, for the optional auto-approval rule. */
  readonly trust: TrustList;
  /** Clients and emails that editors blocked for a period. */
  readonly blocks: BlockList;
  /** What the last moderation digest to editors counted. */
  readonly alerts: AlertState;

  // Why private: key names belong to keys.ts and the modules of this folder; callers use methods.
  private readonly backend: StoreBackend;

  constructor(backend: StoreBackend) {
    this.backend = backend;
    this.rebuild = new RebuildState(backend);
    this.trust = new TrustList(backend);
    this.blocks = new BlockList(backend);
    this.alerts = new AlertState(backend);
  }

  /**
   * Stores a new pending comment unless the same comment (article, email, text) is already stored.
   * The record is written first (create-only), then the duplicate marker is claimed create-only,
   * so a marker always points at a record that was stored. A marker whose record is gone (a crash,
   * an erased comment) is stale and taken over; one whose record exists makes this a duplicate,
   * and the record just written is removed again. `stored: true` means the record is in the store.
   */
  async submit(record: CommentRecord, duplicateKey: string): Promise<SubmitResult> {
    const markerKey = duplicateMarkerKey(duplicateKey);
    const running = inFlight.get(markerKey);
    if (running) {
      const first = await running.catch(() => null);
      if (first) return { stored: false, duplicateOf: first.stored ? first.id : first.duplicateOf };
    }
    const attempt = this.storeAndClaim(record, markerKey);
    inFlight.set(markerKey, attempt);
    try {
      return await attempt;
    } finally {
      if (inFlight.get(markerKey) === attempt) inFlight.delete(markerKey);
    }
  }

  private async storeAndClaim(record: CommentRecord, markerKey: string): Promise<SubmitResult> {
    const key = commentKey(record.slug, record.id);
    if (!(await this.backend.create(key, record)))
      throw new StoreUnavailableError(`comment id ${record.id} already exists under "${key}"; the submission was not stored`);
    const marker: DuplicateMarker = { id: record.id, slug: record.slug, createdAt: record.createdAt };
    try {
      // The index entry comes after the record: an entry without its record only sends a lookup
      // the slow way (a listing), and a record without one is found that way too.
      await indexCommentId(this.backend, record.id, record.slug);
      if (await this.backend.create(markerKey, marker)) return { stored: true, id: record.id };
      const first = await findLiveDuplicate(this.backend, markerKey);
      if (first && first !== record.id) {
        await unindexCommentId(this.backend, record.id);
        await this.backend.delete(key);
        return { stored: false, duplicateOf: first };
      }
      await this.backend.put(markerKey, marker);
      return { stored: true, id: record.id };
    } catch (error) {
      // Not acknowledged: take the record back if the store still answers (a spare one is harmless).
      await this.backend.delete(key).catch(() => undefined);
      throw error;
    }
  }

  /** The comment with this id, or null (also when its record is damaged). Ids are unique across articles. */
  async get(id: string): Promise<CommentRecord | null> {
    return (await this.getMany([id])).get(id) ?? null;
  }

  /** The comments with these ids (see `find`); missing and damaged ids are absent. */
  async getMany(ids: readonly string[]): Promise<Map<string, CommentRecord>> {
    const found = new Map<string, CommentRecord>();
    for (const [id, entry] of await this.find(ids)) {
      if ("record" in entry) found.set(id, entry.record);
      else this.onDamaged(entry.damaged);
    }
    return found;
  }

  /**
   * What each of these ids is in the store, damaged records included; missing ids are absent.
   * Each id is looked up in the id index first (one read, then its record); only ids the index
   * does not lead to (records stored before the index existed, or no such id) cost one key
   * listing, shared by all of them.
   */
  async find(ids: readonly string[]): Promise<Map<string, FoundComment>> {
    return findCommentsById(this.backend, ids);
  }

  /** Every comment key with a version tag that changes whenever its record does (for build caches). */
  async listCommentVersions(): Promise<{ key: string; version: string }[]> {
    return this.backend.listVersions(commentPrefix());
  }

  /** What one comment key (from `listCommentVersions`) holds: nothing, a comment, or something damaged. */
  async readComment(key: string): Promise<ReadRecord> {
    return readCommentKey(this.backend, key);
  }

  /** Every comment (of one article when `slug` is given), oldest first; damaged records are skipped. */
  async list(slug?: string, concurrency = 32): Promise<CommentRecord[]> {
    return this.report(await this.scan(slug, concurrency));
  }

  /** Like `list`, but also says which damaged records were skipped. */
  async scan(slug?: string, concurrency = 32): Promise<RecordScan> {
    return readCommentKeys(this.backend, await this.backend.list(commentPrefix(slug)), concurrency);
  }

  /**
   * Replaces a stored comment (a moderation decision). Only that one record is written, plus a
   * `decided/<id>` marker once it is no longer pending, so the queue is found without reading
   * every comment ever stored.
   */
  async update(record: CommentRecord): Promise<void> {
    await this.backend.put(commentKey(record.slug, record.id), record);
    if (record.status === "pending") await this.backend.delete(decidedKey(record.id));
    else await this.backend.put(decidedKey(record.id), {});
  }

  /** Comments waiting for a decision, oldest first: two key listings, then only those records. */
  async listPending(concurrency = 32): Promise<CommentRecord[]> {
    return this.report(await this.scanPending(concurrency));
  }

  /** Like `listPending`, but also says which damaged records were skipped. */
  async scanPending(concurrency = 32): Promise<RecordScan> {
    const [keys, decided] = await Promise.all([this.backend.list(commentPrefix()), this.backend.list(DECIDED_PREFIX)]);
    const done = new Set(decided.map(idOfDecidedKey));
    const scan = await readCommentKeys(
      this.backend,
      keys.filter((key) => !done.has(idOfCommentKey(key))),
      concurrency,
    );
    return { records: scan.records.filter((record) => record.status === "pending"), damaged: scan.damaged };
  }

  private report(scan: RecordScan): CommentRecord[] {
    for (const damaged of scan.damaged) this.onDamaged(damaged);
    return scan.records;
  }

  /**
   * Erases a comment, its duplicate marker and its id index entry: nothing of it stays in the store. The record goes
   * last, so an erase that fails half-way is found and finished by running it again. The marker is
   * removed only while it points at this comment (it may belong to a later resubmission).
   */
  async delete(record: CommentRecord, duplicateKey: string): Promise<void> {
    await this.backend.delete(decidedKey(record.id));
    const markerKey = duplicateMarkerKey(duplicateKey);
    const marker = await readMarker(this.backend, markerKey);
    if (!marker || marker.id === record.id) await this.backend.delete(markerKey);
    await unindexCommentId(this.backend, record.id);
    await this.backend.delete(commentKey(record.slug, record.id));
  }

  /** Erases whatever is stored under a comment key, damaged or not (and its decided marker and index entry). */
  async deleteKey(key: string): Promise<void> {
    await this.backend.delete(decidedKey(idOfCommentKey(key)));
    await unindexCommentId(this.backend, idOfCommentKey(key));
    await this.backend.delete(key);
  }

  /** The stored text under a comment key exactly as it is (to show a damaged record), or null. */
  async readRawText(key: string): Promise<string | null> {
    return this.backend.getText(key);
  }

  /** Finds damaged records and leftovers; with `fix`, moves them aside and fills the id index (see examineBackend). */
  async examine(now: Date, fix: boolean): Promise<DoctorReport> {
    return examineBackend(this.backend, (key) => this.deleteKey(key), now, fix);
  }

  /**
   * Adds one record of an export file, the way a submission and a decision would have: nothing
   * when its key is already there (`present`), and nothing when the same comment (article,
   * email, text) is stored under another id (`duplicateOf`). A decided record gets its change
   * note first (a spare note only costs a rebuild), then the record, index entry and duplicate
   * marker, then its decided marker; an approved one puts its email on the trust list.
   */
  async importRecord(record: CommentRecord, duplicateKey: string, by: string | null, now: Date): Promise<ImportResult> {
    if ((await this.backend.getText(commentKey(record.slug, record.id))) !== null) return { stored: false, present: true };
    if (record.status !== "pending") await this.rebuild.noteChange({ kind: "imported", id: record.id, slug: record.slug, by }, now);
    const result = await this.submit(record, duplicateKey);
    if (!result.stored) return { stored: false, present: false, duplicateOf: result.duplicateOf };
    if (record.status !== "pending") await this.backend.put(decidedKey(record.id), {});
    if (record.status === "approved") await this.trust.remember(record.email);
    return { stored: true };
  }

  /** Records one failed moderation sign-in from `client` (a salted address hash). */
  async recordSignInFailure(client: string, now: Date): Promise<void> {
    await recordSignInFailure(this.backend, client, now);
  }

  /** How many sign-ins from `client` failed in the `windowMs` before `now`. */
  async countSignInFailures(client: string, now: Date, windowMs: number): Promise<number> {
    return countSignInFailures(this.backend, client, now, windowMs);
  }

  /**
   * Claims one of the client's `max` submission slots in the current fixed window with a constant
   * number of store operations (see claimFreeSlot). Returns the seconds until the window ends
   * when none is left.
   */
  async claimRateSlot(clientHash: string, now: Date, limit: { max: number; windowMs: number }): Promise<RateClaim> {
    return claimSlotInTurn(this.backend, clientHash, now, limit);
  }

  /** Gives a claimed slot back (the submission it was for could not be stored). */
  async releaseRateSlot(key: string): Promise<void> {
    await this.backend.delete(key);
  }

  /**
   * Removes what has served its purpose (run from the scheduled function): rate-limit slots of
   * ended windows, failed sign-ins older than a day, spam counts older than 30 days, and
   * temporary files that killed writers left more than an hour ago. Returns how many went.
   */
  async pruneExpired(now: Date): Promise<number> {
    return pruneExpiredKeys(this.backend, now);
  }

  /** Counts a rejected spam attempt (no content kept). */
  async recordSpam(id: string, reason: string, now: Date): Promise<void> {
    await recordSpam(this.backend, id, reason, now);
  }

  /** Spam attempts counted on a day (`YYYY-MM-DD`), or on all days. */
  async countSpam(day?: string): Promise<number> {
    return countSpam(this.backend, day);
  }
}
