import { createHash, hash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { threadId } from "node:worker_threads";
import type { CollectionEntry, PreparedArticle } from "../core/article.ts";
import type { ContentProblem } from "../core/errors.ts";
import type { PhotoUse } from "../core/photo-refs.ts";
import type { SiteConfig } from "../core/site-config.ts";
import { openPackWriter, readPackFile, writePackFile, type PackEntry, type PackWriter } from "./pack-file.ts";

/**
 * What reading and preparing one article file yields before its photos are looked up on disk: a
 * pure function of the file's bytes, its path, the site settings and the parser's code.
 */
export interface ParsedFile {
  file: string;
  article: PreparedArticle | null;
  problems: ContentProblem[];
  isDraft: boolean;
  /** Every photo the article refers to, as written; checked on disk on every build. */
  photos: PhotoUse[];
  entry: CollectionEntry | null;
}

/** Where the cache lives and what every key is salted with; plain data, so threads can share it. */
export interface ParseCacheHandle {
  dir: string;
  /** Hash of the parser's sources, the packages they use and the site settings. */
  salt: string;
  /** Whether the folder held any entry when the build started: if not, no lookup is tried. */
  filled: boolean;
}

// Why packs: one file per article cost a file system write each (16,000 of them on a cold build,
// ~3 s of CPU), so each thread keeps the entries of its share of the articles in one file,
// `pack-<share>.v8` (layout in lib/build/pack-file.ts): a Map from the article's path to its
// content key and parse. An edited file replaces its own entry, so the cache never grows with
// edits.
const FOLDER = "parsed";
const PACK = /^pack-(\d+)\.v8$/;
const IMPORT = /(?:import|export)\s[^;]*?from\s+"([^"]+)"/g;

/** The `from "…"` specifiers of a TypeScript source. */
function listImports(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => match[1]!);
}

const PARSER_ENTRY = new URL("./prepare-articles.ts", import.meta.url);

/**
 * The modules that turn an article file into a ParsedFile: `entry` and every module it imports,
 * followed to the end (paths), and the packages they import (names).
 */
export function listParserModules(entry: URL = PARSER_ENTRY): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (url: URL) => {
    if (seen.has(url.pathname)) return;
    seen.add(url.pathname);
    for (const specifier of listImports(fs.readFileSync(url, "utf8"))) {
      if (specifier.startsWith(".")) visit(new URL(specifier, url));
      else if (!specifier.startsWith("node:"))
        packages.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
    }
  };
  visit(entry);
  return { files: [...seen].sort(), packages: [...packages].sort() };
}

/**
 * One hash of the parser's code (listParserModules): each module's bytes and each package's
 * version. Any edit there (parser, schema, messages) changes it, so no entry written by other code
 * is ever used.
 */
export function hashParserSources(entry: URL = PARSER_ENTRY): string {
  const { files, packages } = listParserModules(entry);
  const digest = createHash("sha256");
  for (const file of files) digest.update(`${file}\0`).update(fs.readFileSync(file)).update("\0");
  const require = createRequire(entry);
  for (const name of packages) {
    let version = "?";
    try {
      version = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      // A package that hides its package.json: its name alone is hashed.
    }
    digest.update(`${name}@${version}\0`);
  }
  return digest.digest("hex");
}

/**
 * The cache for one build: `<cacheDir>/parsed/` (created here, once), salted with the parser's code
 * and `config`. Why `filled`: on a cold build every lookup would fail with ENOENT, and building
 * those 16,000 errors costs more than a second.
 */
export function openParseCache(cacheDir: string, config: SiteConfig, parserHash = hashParserSources()): ParseCacheHandle {
  const dir = path.join(cacheDir, FOLDER);
  let filled = false;
  try {
    filled = fs.readdirSync(dir).length > 0;
  } catch {
    try {
      // No folder yet (a cold build). One that cannot be made only means every write fails quietly.
      fs.mkdirSync(dir, { recursive: true });
    } catch {
      // Read-only or unreachable cache folder: the build parses every file.
    }
  }
  return { dir, salt: hash("sha256", `${parserHash}\0${JSON.stringify(config)}`), filled };
}

/** The pack file of the share `share` (one per thread of the build). */
function packFile(cache: ParseCacheHandle, share: number): string {
  return path.join(cache.dir, `pack-${share}.v8`);
}

/** The key an entry must hold to be used: the salt, the file's path and its bytes. */
export function keyParse(cache: ParseCacheHandle, file: string, bytes: Buffer): string {
  return createHash("sha256").update(`${cache.salt}\0${file}\0`).update(bytes).digest("base64url");
}

// A file changed within this long before it is looked at is read even if its signature matches:
// file times move in coarse ticks, so two saves in one tick could keep size and times alike.
const SETTLED_MS = 2000;

/**
 * What identifies a file's bytes without reading them: the cache's salt, size, modification and
 * change times (nanoseconds) and inode, as `stat` gives them. Null when the file cannot be
 * statted or changed in the last two seconds: then its bytes are read and hashed. Why: reading
 * and hashing 16,000 unchanged files cost about 0.8 s of every rebuild. A write that keeps size,
 * both times and inode is what make, git and Hugo also take for "unchanged".
 */
export function readSignature(cache: ParseCacheHandle, absolute: string, now = Date.now()): string | null {
  try {
    const stat = fs.statSync(absolute, { bigint: true });
    if (Math.max(Number(stat.mtimeMs), Number(stat.ctimeMs)) > now - SETTLED_MS) return null;
    return `${cache.salt}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
  } catch {
    return null;
  }
}

/**
 * How many of `files` changed (or cannot be statted) since the oldest pack was written, counting
 * to just past `limit`; more than `limit` when there is no pack. Only a guess at the work left, for
 * choosing how many threads to start: each file is still checked against its own entry.
 */
export function countChangedFiles(cache: ParseCacheHandle, files: readonly string[], limit: number): number {
  if (!cache.filled) return limit + 1;
  const packs = listPacks(cache);
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of packs) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(cache.dir, name)).mtimeMs);
    } catch {
      return limit + 1;
    }
  }
  if (packs.length === 0) return limit + 1;
  let changed = 0;
  for (const file of files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || Math.max(stat.mtimeMs, stat.ctimeMs) > oldest - SETTLED_MS) changed++;
    if (changed > limit) break;
  }
  return changed;
}

/** The cached key and parse of `file` when its signature is the one recorded with it, else null. */
export function lookUpBySignature(pack: ParsePack, file: string, signature: string): PackEntry | null {
  const entry = checkEntry(readOwnPack(pack)?.get(file), file);
  return entry?.signature === signature ? entry : null;
}

/** One thread's view of the cache during a build: the packs it read and the entries it will write. */
export interface ParsePack {
  cache: ParseCacheHandle;
  share: number;
  /** This share's pack as last written (read on first lookup), and the other packs (read on a miss). */
  own: Map<string, PackEntry> | null;
  others: Map<string, PackEntry> | null;
  /** This build's entries for the share's files, in order: what savePack writes. */
  next: Map<string, PackEntry>;
  /** Whether `next` differs from the pack on disk (a file parsed, moved in, or gone). */
  changed: boolean;
  /** Files parsed afresh so far, and the new pack when it is written as the share goes (see keepParsed). */
  fresh: number;
  writer: PackWriter | null | "failed";
}

/** Starts the lookups of share `share`; nothing is read until the first lookup. */
export function openPack(cache: ParseCacheHandle, share: number): ParsePack {
  return { cache, share, own: null, others: null, next: new Map(), changed: false, fresh: 0, writer: null };
}

/** A usable entry: a plain object holding a parse of `file` (a damaged one is ignored). */
function checkEntry(entry: PackEntry | undefined, file: string): PackEntry | null {
  return entry && typeof entry === "object" && entry.parsed && entry.parsed.file === file ? entry : null;
}

/** The parse in `entry` when it is usable and was made for `key`. */
function matchEntry(entry: PackEntry | undefined, file: string, key: string): ParsedFile | null {
  const usable = checkEntry(entry, file);
  return usable?.key === key ? usable.parsed : null;
}

/** This share's pack as last written, read on first use; null when the cache was empty at the start. */
function readOwnPack(pack: ParsePack): Map<string, PackEntry> | null {
  if (!pack.cache.filled) return null;
  pack.own ??= readPackFile(packFile(pack.cache, pack.share));
  return pack.own;
}

/**
 * The cached result for `key`, or null when there is none, it is for other bytes, or it is
 * damaged. Why the other packs on a miss: when articles are added or removed, the shares' bounds
 * move and a file's entry may sit in another thread's pack; reading those costs one more read, and
 * only when a file is new to this share.
 */
export function lookUpParsed(pack: ParsePack, file: string, key: string): ParsedFile | null {
  const own = readOwnPack(pack);
  if (!own) return null;
  const mine = own.get(file);
  if (mine) return matchEntry(mine, file, key);
  if (!pack.others) {
    pack.others = new Map();
    for (const name of listPacks(pack.cache))
      if (name !== path.basename(packFile(pack.cache, pack.share)))
        for (const [at, entry] of readPackFile(path.join(pack.cache.dir, name))) pack.others.set(at, entry);
  }
  return matchEntry(pack.others.get(file), file, key);
}

// Past this many fresh parses in a share, its new pack is written as the share goes: the pack will
// change anyway, and the bodies then leave memory as they are parsed (see openPackWriter).
const STREAM_AFTER = 500;

/** The name a thread writes its new pack under before renaming it into place. */
function temporaryFile(pack: ParsePack): string {
  // A name of this thread's own, so two builds sharing a cache folder never write into one file.
  return `${packFile(pack.cache, pack.share)}.${process.pid}-${threadId}.tmp`;
}

/** Records the entry of `file` for this build's pack; `fresh`: parsed now rather than found. */
export function keepParsed(pack: ParsePack, key: string, parsed: ParsedFile, fresh: boolean, signature: string | null = null): void {
  const entry = { key, parsed, signature };
  pack.next.set(parsed.file, entry);
  if (fresh || !pack.own?.has(parsed.file) || pack.own.get(parsed.file)?.signature !== signature) pack.changed = true;
  if (fresh) pack.fresh++;
  if (pack.writer === null && pack.fresh > STREAM_AFTER) {
    try {
      pack.writer = openPackWriter(packFile(pack.cache, pack.share), temporaryFile(pack));
      for (const [at, kept] of pack.next) pack.writer.add(at, kept);
    } catch {
      // Read-only or full cache folder: the build goes on without a cache.
      pack.writer = "failed";
    }
  } else if (pack.writer !== null && pack.writer !== "failed") pack.writer.add(parsed.file, entry);
}

/**
 * Writes the share's pack when it changed: a file parsed, taken from another pack, or gone from
 * the share (or finishes the one written as the share went, see keepParsed). Written to a temporary
 * name and renamed, so a stopped build never leaves half a pack. A cache that cannot be written
 * only costs speed, so errors are ignored.
 */
export function savePack(pack: ParsePack): void {
  if (pack.writer === "failed") return;
  try {
    if (pack.writer) {
      pack.writer.finish();
      return;
    }
    const own = pack.own ?? (pack.cache.filled ? readPackFile(packFile(pack.cache, pack.share)) : new Map());
    if (!pack.changed && own.size === pack.next.size) return;
    writePackFile(packFile(pack.cache, pack.share), temporaryFile(pack), pack.next);
  } catch {
    // Read-only or full cache folder: the next build parses again.
    fs.rmSync(temporaryFile(pack), { force: true });
  }
}

/** The pack files in the cache folder. */
function listPacks(cache: ParseCacheHandle): string[] {
  try {
    return fs.readdirSync(cache.dir).filter((name) => PACK.test(name));
  } catch {
    return [];
  }
}

/**
 * Removes every file of the cache folder but the packs of shares 0 to `shares - 1`: packs of
 * threads this build did not have, and entries of older cache formats. Returns how many.
 */
export function prunePacks(cache: ParseCacheHandle, shares: number): number {
  let names: string[];
  try {
    names = fs.readdirSync(cache.dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const share = PACK.exec(name)?.[1];
    if (share !== undefined && Number(share) < shares) continue;
    fs.rmSync(path.join(cache.dir, name), { force: true, recursive: true });
    removed++;
  }
  return removed;
}
