import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { SEARCH_INDEX_DIR } from "./search-index.ts";

/**
 * What the cache remembers of one output folder: the folder, the template hash of the build that
 * wrote it, and each file the renderer wrote there (`a/b/index.html`) with that page's fingerprint
 * (lib/build/page-fingerprints.ts). `null` is a file whose bytes are not known to match any
 * fingerprint (a build that stopped while rendering it): it is rendered again, and still pruned.
 * The one list behind both incremental rendering and removing stale files.
 */
export interface OutputManifest {
  outDir: string;
  templates: string;
  pages: Record<string, string | null>;
}

/** Why the last manifest cannot be trusted, or `null` when it can. */
export type ManifestProblem = "no cache" | "output folder changed" | "cache damaged";

const FORMAT = 2;

/** Where the manifest of `siteDir` is kept: outside the site, so never deployed. */
function getManifestPath(cacheDir: string, siteDir: string): string {
  const key = createHash("sha256").update(path.resolve(siteDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, "output", `${key}.json`);
}

/**
 * The manifest of the last build into `siteDir`, and its problem if any. A damaged or foreign
 * manifest still gives its file list where it can, so that stale files are removed all the same.
 */
export async function readOutputManifest(
  cacheDir: string,
  siteDir: string,
): Promise<{ manifest: OutputManifest; problem: ManifestProblem | null }> {
  const outDir = path.resolve(siteDir);
  const empty: OutputManifest = { outDir, templates: "", pages: {} };
  let data: { format?: unknown; outDir?: unknown; templates?: unknown; pages?: unknown };
  try {
    data = JSON.parse(await fs.readFile(getManifestPath(cacheDir, siteDir), "utf8"));
  } catch (error) {
    return { manifest: empty, problem: (error as NodeJS.ErrnoException).code === "ENOENT" ? "no cache" : "cache damaged" };
  }
  // An older cache kept a plain list of files: good for pruning, not for skipping pages.
  if (Array.isArray(data?.pages)) {
    const pages = Object.fromEntries(data.pages.filter((page): page is string => typeof page === "string").map((page) => [page, null]));
    return { manifest: { ...empty, pages }, problem: "cache damaged" };
  }
  const pages: Record<string, string | null> = {};
  if (data && typeof data.pages === "object" && data.pages !== null) {
    for (const [page, print] of Object.entries(data.pages)) pages[page] = typeof print === "string" ? print : null;
  }
  if (data?.format !== FORMAT || typeof data.templates !== "string") return { manifest: { ...empty, pages }, problem: "cache damaged" };
  if (data.outDir !== outDir) return { manifest: { ...empty, pages: {} }, problem: "output folder changed" };
  return { manifest: { outDir, templates: data.templates, pages }, problem: null };
}

/** Replaces the manifest of `manifest.outDir` at once (a temporary file renamed), so a reader never sees half of it. */
export async function writeOutputManifest(cacheDir: string, manifest: OutputManifest): Promise<void> {
  const file = getManifestPath(cacheDir, manifest.outDir);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify({ format: FORMAT, ...manifest }));
  await fs.rename(temporary, file);
}

/** Removes `file` and then each parent folder it leaves empty, up to (not including) `siteDir`. */
async function removeWithEmptyParents(siteDir: string, file: string): Promise<void> {
  await fs.rm(file, { force: true });
  for (let dir = path.dirname(file); dir.startsWith(siteDir + path.sep); dir = path.dirname(dir)) {
    const left = await fs.readdir(dir).catch(() => null);
    if (left === null || left.length > 0) return;
    await fs.rmdir(dir).catch(() => undefined);
  }
}

/**
 * Makes a build's output exact after it has written into a folder that may hold an earlier build:
 * files the previous build rendered (`previous`, from its manifest) that this one does not
 * (`current`) are removed, and so are photos in `img/` this build does not use. The assets Eleventy
 * copies and the search index in `pagefind/` are left alone: the indexer (lib/build/search-index.ts)
 * keeps that folder exact itself. Returns how many pages and photos were removed.
 */
export async function pruneStaleOutput(
  siteDir: string,
  previous: Iterable<string>,
  current: ReadonlySet<string>,
  photoNames: readonly string[],
): Promise<{ pages: number; photos: number }> {
  const root = path.resolve(siteDir);
  const indexDir = path.join(root, SEARCH_INDEX_DIR);
  let pages = 0;
  for (const page of previous) {
    // Only paths inside the site, whatever a damaged manifest says.
    const file = path.resolve(root, page);
    if (current.has(page) || !file.startsWith(root + path.sep) || file.startsWith(indexDir + path.sep)) continue;
    await removeWithEmptyParents(root, file);
    pages++;
  }
  let photos = 0;
  const used = new Set(photoNames);
  const imgDir = path.join(root, "img");
  for (const name of await fs.readdir(imgDir).catch(() => [] as string[])) {
    if (used.has(name)) continue;
    await fs.rm(path.join(imgDir, name), { force: true, recursive: true });
    photos++;
  }
  return { pages, photos };
}
