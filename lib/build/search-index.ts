import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { BantinError } from "../core/errors.ts";
import type { SearchRecord } from "../core/search-records.ts";

/** The folder of the site the index lives in: `/pagefind/pagefind.js`, as the search page imports it. */
export const SEARCH_INDEX_DIR = "pagefind";

/** What one build did to the index, for its log line. */
export interface SearchIndexResult {
  /** `written`: indexed again; `unchanged`: the records and the files on disk were those of the last index. */
  status: "written" | "unchanged";
  pages: number;
  /** Files written (new or changed bytes) and removed (left by an earlier index). */
  written: number;
  removed: number;
}

/** What the cache remembers of the last index written into one site folder. */
interface IndexState {
  format: number;
  outDir: string;
  hash: string;
  files: string[];
}

const FORMAT = 1;

// Pagefind also writes its ready-made interfaces; the search page uses its own script
// (layouts/assets/search.js) and runs Pagefind on the page's thread, so these are never loaded.
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight|worker)\.(js|css)$/;

/** Where the state for `siteDir` is kept: outside the site, so never deployed. */
function getStatePath(cacheDir: string, siteDir: string): string {
  const key = createHash("sha256").update(path.resolve(siteDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, "search", `${key}.json`);
}

async function readState(file: string, outDir: string): Promise<IndexState | null> {
  try {
    const data = JSON.parse(await fs.readFile(file, "utf8")) as Partial<IndexState>;
    if (data.format !== FORMAT || data.outDir !== outDir || typeof data.hash !== "string" || !Array.isArray(data.files)) return null;
    return { format: FORMAT, outDir, hash: data.hash, files: data.files.filter((name) => typeof name === "string") };
  } catch {
    return null;
  }
}

/** The installed Pagefind's version: a new one may read and write a different index format. */
async function readPagefindVersion(): Promise<string> {
  const main = fileURLToPath(import.meta.resolve("pagefind"));
  const manifest = JSON.parse(await fs.readFile(path.join(path.dirname(main), "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** A hash of everything the index is made from: the records, in order, and the Pagefind version. */
export async function hashSearchRecords(records: readonly SearchRecord[]): Promise<string> {
  const hash = createHash("sha256").update(`${FORMAT}\n${await readPagefindVersion()}\n`);
  for (const record of records) hash.update(JSON.stringify(record)).update("\n");
  return hash.digest("hex");
}

async function allExist(dir: string, files: readonly string[]): Promise<boolean> {
  const found = await Promise.all(
    files.map((file) =>
      fs.access(path.join(dir, file)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.length > 0 && found.every(Boolean);
}

/** Every file under `dir`, relative, or none if it does not exist. */
async function listFilesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Runs Pagefind over `records`: the index files, by path relative to the index folder. */
async function buildIndexFiles(records: readonly SearchRecord[]): Promise<Map<string, Uint8Array>> {
  const { index, errors } = await pagefind.createIndex({}).catch((error: unknown) => {
    throw new BantinError(
      `Pagefind could not start (${error instanceof Error ? error.message : String(error)}); run npm ci so that its binary for this platform (@pagefind/${process.platform}-${process.arch}) is installed, then build again`,
      { cause: error },
    );
  });
  if (!index) throw new BantinError(`Pagefind could not start an index: ${errors.join("; ")}; build again, and report it if it persists`);
  try {
    // Records from memory, one at a time. Measured on 4,000 generated articles (2 shared cores,
    // CPU seconds of Pagefind + Node): these records 16.9 + 2.0; the same sent all at once
    // 19.6 + 2.8; the built article pages read back and sent as HTML 17.4 + 4.8 (all at once
    // 19.3 + 5.7); Pagefind reading the whole folder itself 18.5 + 1.1. Most of Pagefind's share is
    // building and compressing the index files, whatever feeds it.
    for (const record of records) {
      const added = await index.addCustomRecord(record);
      if (added.errors.length) throw new BantinError(`Pagefind could not index ${record.url}: ${added.errors.join("; ")}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new BantinError(`Pagefind could not write the index: ${fileErrors.join("; ")}`);
    return new Map(files.filter((file) => !UNUSED.test(file.path)).map((file) => [file.path, file.content]));
  } finally {
    await index.deleteIndex();
    // The service is a child process: closed, so that a build never leaves it running.
    await pagefind.close();
  }
}

/**
 * Makes `<siteDir>/pagefind/` the search index of `records`, and nothing else: files whose bytes
 * changed are written, files an earlier index left are removed, the rest are not touched. When the
 * records are those of the last index written here (a hash kept in `cacheDir/search/`) and its
 * files are all in place, nothing is indexed at all: approving a comment, for one, changes no record.
 */
export async function updateSearchIndex(records: readonly SearchRecord[], siteDir: string, cacheDir: string): Promise<SearchIndexResult> {
  const outDir = path.resolve(siteDir);
  const indexDir = path.join(outDir, SEARCH_INDEX_DIR);
  const stateFile = getStatePath(cacheDir, outDir);
  const hash = await hashSearchRecords(records);
  const state = await readState(stateFile, outDir);
  if (state?.hash === hash && (await allExist(indexDir, state.files))) {
    return { status: "unchanged", pages: records.length, written: 0, removed: 0 };
  }
  const files = await buildIndexFiles(records);
  let written = 0;
  for (const [name, content] of files) {
    const file = path.join(indexDir, name);
    const old = await fs.readFile(file).catch(() => null);
    if (old?.equals(content)) continue;
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
    written++;
  }
  let removed = 0;
  for (const name of await listFilesUnder(indexDir)) {
    if (files.has(name)) continue;
    await fs.rm(path.join(indexDir, name), { force: true });
    removed++;
  }
  await removeEmptyFolders(indexDir);
  await fs.mkdir(path.dirname(stateFile), { recursive: true });
  const next: IndexState = { format: FORMAT, outDir, hash, files: [...files.keys()].sort() };
  const temporary = `${stateFile}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(next));
  await fs.rename(temporary, stateFile);
  return { status: "written", pages: records.length, written, removed };
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
