import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BantinError } from "../core/errors.ts";
import { groupSearchEntries, SHARD_SIZE, type SearchEntry } from "../core/search-records.ts";
import { listFilesUnder } from "./list-files.ts";
import { buildShardFiles } from "./search-shards.ts";

/** The folder of the site the index lives in: one shard per period, `/pagefind/<2023 or 2023-04>/pagefind.js`. */
export const SEARCH_INDEX_DIR = "pagefind";

/** The list of shards the search page loads, newest first: `/pagefind/shards.json`. */
export const SHARD_MANIFEST = "shards.json";

/** What one build did to the index, for its log line. */
export interface SearchIndexResult {
  /** `written`: some shard indexed again, or a file put back or removed; `unchanged`: nothing touched. */
  status: "written" | "unchanged";
  pages: number;
  /** Every shard (its period: year, month or day), newest first, and those indexed again by this build. */
  shards: string[];
  indexed: string[];
  /** Files written (new or changed bytes) and removed (left by an earlier index). */
  written: number;
  removed: number;
}

/** How the index is built: Pagefind processes at once (default one per core), records a shard may hold. */
export interface IndexOptions {
  services?: number;
  shardSize?: number;
}

/** What the cache remembers of one shard written into a site folder: its records' hash, its files. */
interface ShardState {
  hash: string;
  files: string[];
}

interface IndexState {
  format: number;
  outDir: string;
  shards: Record<string, ShardState>;
}

const FORMAT = 3;

/** Where the state for `siteDir` is kept: outside the site, so never deployed. */
function getStatePath(cacheDir: string, siteDir: string): string {
  const key = createHash("sha256").update(path.resolve(siteDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, "search", `${key}.json`);
}

async function readState(file: string, outDir: string): Promise<Record<string, ShardState>> {
  try {
    const data = JSON.parse(await fs.readFile(file, "utf8")) as Partial<IndexState>;
    if (data.format !== FORMAT || data.outDir !== outDir || typeof data.shards !== "object" || !data.shards) return {};
    return data.shards;
  } catch {
    return {};
  }
}

/** The installed Pagefind's version: a new one may read and write a different index format. */
async function readPagefindVersion(): Promise<string> {
  const main = fileURLToPath(import.meta.resolve("pagefind"));
  const manifest = JSON.parse(await fs.readFile(path.join(path.dirname(main), "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** A hash of everything a shard's index is made from: its entries' parts, in order, and the Pagefind version. */
export function hashSearchEntries(entries: readonly SearchEntry[], pagefindVersion: string): string {
  const hash = createHash("sha256").update(`${FORMAT}\n${pagefindVersion}\n`);
  // Each part ends with a NUL, which no part holds, and each entry with a second one: unambiguous.
  for (const entry of entries) {
    for (const part of entry.parts) hash.update(part).update("\0");
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Writes `content` to `file` unless it already holds those bytes; true when written. */
async function writeIfChanged(file: string, content: Uint8Array | string): Promise<boolean> {
  const old = await fs.readFile(file).catch(() => null);
  if (old?.equals(typeof content === "string" ? Buffer.from(content) : content)) return false;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return true;
}

/** Moves `source` to `target` unless `target` already holds the same bytes; true when moved. */
async function moveIfChanged(source: string, target: string): Promise<boolean> {
  const old = await fs.readFile(target).catch(() => null);
  if (old?.equals(await fs.readFile(source))) return false;
  await fs.mkdir(path.dirname(target), { recursive: true });
  // The scratch folder is in the cache, which may be on another file system than the site.
  await fs.rename(source, target).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EXDEV") throw error;
    await fs.copyFile(source, target);
  });
  return true;
}

/**
 * Makes `<siteDir>/pagefind/` the search index of `entries`, and nothing else: one Pagefind index
 * per shard (a publication year, or a month or day of a large one: groupSearchRecords) in
 * `pagefind/<period>/`, and `pagefind/shards.json` listing them newest first. A shard whose entries
 * are those it was last built from (a hash per shard, kept in `cacheDir/search/`) and whose files
 * are all in place is not touched; the others are indexed again, by up to `services` Pagefind
 * processes at once, and only their files whose bytes changed are written. Files no shard lists (a
 * period with no article left, an index of an older layout) are removed. Approving a comment
 * changes no record; editing an article re-indexes its shard alone.
 */
export async function updateSearchIndex(
  entries: readonly SearchEntry[],
  siteDir: string,
  cacheDir: string,
  { services = os.availableParallelism(), shardSize = SHARD_SIZE }: IndexOptions = {},
): Promise<SearchIndexResult> {
  const outDir = path.resolve(siteDir);
  const indexDir = path.join(outDir, SEARCH_INDEX_DIR);
  const stateFile = getStatePath(cacheDir, outDir);
  const version = await readPagefindVersion();
  const previous = await readState(stateFile, outDir);
  const groups = groupSearchEntries(entries, shardSize);
  // One listing of the index rather than one check per file: a large site's index has a file per article.
  const present = new Set(listFilesUnder(indexDir));
  const next: Record<string, ShardState> = {};
  const stale = new Map<string, readonly SearchEntry[]>();
  const hashes = new Map<string, string>();
  for (const [key, shardEntries] of groups) {
    if (!/^\d{4}(-\d{2}){0,2}$/.test(key))
      throw new BantinError(
        `The search index could not place ${shardEntries[0]?.url} in a shard: its date "${shardEntries[0]?.date}" does not start with YYYY-MM-DD; check the article's date`,
      );
    const hash = hashSearchEntries(shardEntries, version);
    hashes.set(key, hash);
    const old = previous[key];
    if (old?.hash === hash && old.files.length > 0 && old.files.every((name) => present.has(path.join(key, name)))) next[key] = old;
    else stale.set(key, shardEntries);
  }
  const scratch = path.join(cacheDir, "search", `build-${process.pid}`);
  let written = 0;
  try {
    const built = stale.size > 0 ? await buildShardFiles(stale, scratch, services) : new Map<string, Map<string, string>>();
    for (const [key, files] of built) {
      for (const [name, source] of files) {
        if (await moveIfChanged(source, path.join(indexDir, key, name))) written++;
      }
      next[key] = { hash: hashes.get(key)!, files: [...files.keys()].sort() };
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  const shards = [...groups.keys()];
  const manifest = `${JSON.stringify({ shards: shards.map((key) => `/${SEARCH_INDEX_DIR}/${key}/`) })}\n`;
  if (await writeIfChanged(path.join(indexDir, SHARD_MANIFEST), manifest)) written++;
  const keep = new Set([SHARD_MANIFEST, ...shards.flatMap((key) => next[key]!.files.map((name) => path.join(key, name)))]);
  let removed = 0;
  // Nothing indexed again: the listing above still holds.
  for (const name of stale.size > 0 ? listFilesUnder(indexDir) : present) {
    if (keep.has(name)) continue;
    await fs.rm(path.join(indexDir, name), { force: true });
    removed++;
  }
  if (removed > 0) await removeEmptyFolders(indexDir);
  await fs.mkdir(path.dirname(stateFile), { recursive: true });
  const temporary = `${stateFile}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify({ format: FORMAT, outDir, shards: next } satisfies IndexState));
  await fs.rename(temporary, stateFile);
  const touched = stale.size > 0 || written > 0 || removed > 0;
  return { status: touched ? "written" : "unchanged", pages: entries.length, shards, indexed: [...stale.keys()], written, removed };
}

/** Removes the folders under `dir` that a removal left empty (deepest first). */
async function removeEmptyFolders(dir: string): Promise<void> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    if ((await fs.readdir(folder)).length === 0) await fs.rmdir(folder);
  }
}
