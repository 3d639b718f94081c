import { randomBytes } from "node:crypto";
import { createSortableId } from "../core/ids.ts";
import { DamagedValueError, type StoreBackend } from "./backend.ts";
import { BUILD_MARKER_KEY, CHANGES_PREFIX, changeKey, REBUILD_REQUEST_KEY } from "./keys.ts";

/** Something that changes what the pages show: a decision on a comment, an edit, a newsroom answer. */
export interface ChangeNote {
  kind: "approved" | "rejected" | "deleted" | "imported" | "reopened" | "edited" | "answered";
  id: string;
  slug: string;
  by: string | null;
}

/** What a successful build included, for the scheduled check. */
export interface BuildMarker {
  builtAt: string;
  /** The newest change note seen before the build read the comments (null: none yet). */
  lastChange: string | null;
  /** The earliest instant the pages change by themselves: an embargoed article falling due or a front-page pin (`featuredUntil`) ending. */
  nextEmbargo: string | null;
}

/** A build hook call that is still expected to produce a build. */
export interface RebuildRequest {
  at: string;
  lastChange: string | null;
  reason: string;
}

/**
 * The store's record of what changed and what was built: one note per decision under
 * `changes/<sortable id>`, and markers under `builds/`. Notes are separate keys, so two editors
 * deciding at once both leave theirs.
 */
export class RebuildState {
  private readonly backend: StoreBackend;

  constructor(backend: StoreBackend) {
    this.backend = backend;
  }

  /** Notes a change at `now`; returns the note's key. */
  async noteChange(change: ChangeNote, now: Date): Promise<string> {
    const key = changeKey(createSortableId(now, randomBytes(10)));
    await this.backend.create(key, change);
    return key;
  }

  /** Keys of all change notes, oldest first. */
  async listChanges(): Promise<string[]> {
    return (await this.backend.list(CHANGES_PREFIX)).sort();
  }

  /** Removes the listed change notes older than `key` (already built), keeping the log short. */
  async pruneChangesBefore(key: string, listed: readonly string[]): Promise<void> {
    const old = listed.filter((candidate) => candidate < key);
    await Promise.all(old.map((candidate) => this.backend.delete(candidate)));
  }

  /** The last build's marker; a damaged one counts as none (the next check then asks for a build). */
  async getBuildMarker(): Promise<BuildMarker | null> {
    return this.getOrNull<BuildMarker>(BUILD_MARKER_KEY);
  }

  async putBuildMarker(marker: BuildMarker): Promise<void> {
    await this.backend.put(BUILD_MARKER_KEY, marker);
  }

  async getRebuildRequest(): Promise<RebuildRequest | null> {
    return this.getOrNull<RebuildRequest>(REBUILD_REQUEST_KEY);
  }

  // Why: these markers are rewritten whole by every build, so a damaged one is best forgotten.
  private async getOrNull<T>(key: string): Promise<T | null> {
    try {
      return await this.backend.get<T>(key);
    } catch (error) {
      if (error instanceof DamagedValueError) return null;
      throw error;
    }
  }

  async putRebuildRequest(request: RebuildRequest): Promise<void> {
    await this.backend.put(REBUILD_REQUEST_KEY, request);
  }
}
