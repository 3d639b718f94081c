import { createHash, hash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import v8 from "node:v8";
import type { CollectionEntry, PreparedArticle } from "../core/article.ts";
import type { ContentProblem } from "../core/errors.ts";
import type { PhotoUse } from "../core/photo-refs.ts";
import type { SiteConfig } from "../core/site-config.ts";

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

// Why entries are named by the file's path and hold the content key inside: the cache then keeps
// one entry per article (an edited file overwrites its own), and never grows with edits.
const FOLDER = "parsed";
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

/** The entry file of an article, named by its path relative to the project root. */
function entryFile(cache: ParseCacheHandle, file: string): string {
  return path.join(cache.dir, `${hash("sha1", file)}.v8`);
}

/** The key an entry must hold to be used: the salt, the file's path and its bytes. */
export function keyParse(cache: ParseCacheHandle, file: string, bytes: Buffer): string {
  return createHash("sha256").update(`${cache.salt}\0${file}\0`).update(bytes).digest("base64url");
}

/** The cached result for `key`, or null when there is none, it is for other bytes, or it is damaged. */
export function readParsed(cache: ParseCacheHandle, file: string, key: string): ParsedFile | null {
  if (!cache.filled) return null;
  let stored: unknown;
  try {
    stored = v8.deserialize(fs.readFileSync(entryFile(cache, file)));
  } catch {
    // Missing, unreadable, or not a serialized value (a damaged cache): parsed again and rewritten.
    return null;
  }
  if (!stored || typeof stored !== "object") return null;
  const { key: found, parsed } = stored as { key?: unknown; parsed?: ParsedFile };
  return found === key && parsed && parsed.file === file ? parsed : null;
}

/** Keeps `parsed` for the next build. A cache that cannot be written only costs speed, so errors are ignored. */
export function writeParsed(cache: ParseCacheHandle, key: string, parsed: ParsedFile): void {
  try {
    fs.writeFileSync(entryFile(cache, parsed.file), v8.serialize({ key, parsed }));
  } catch {
    // Read-only or full cache folder: the next build parses again.
  }
}

/** Removes the entries of files no longer in `files` (articles deleted or renamed); returns how many. */
export function pruneParsed(cache: ParseCacheHandle, files: readonly string[]): number {
  const keep = new Set(files.map((file) => path.basename(entryFile(cache, file))));
  let names: string[];
  try {
    names = fs.readdirSync(cache.dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (keep.has(name)) continue;
    fs.rmSync(path.join(cache.dir, name), { force: true, recursive: true });
    removed++;
  }
  return removed;
}
