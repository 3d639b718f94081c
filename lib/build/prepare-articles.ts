import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkBodyPhotos, prepareArticle, type CollectionEntry, type PreparedArticle } from "../core/article.ts";
import { parseBody } from "../core/markdown.ts";
import { normalizeText } from "../core/text.ts";
import { isRemotePhoto, type PhotoUse } from "../core/photo-refs.ts";
import type { ContentProblem } from "../core/errors.ts";
import { fillPattern, getLocale, type Locale } from "../core/locales/index.ts";
import type { SiteConfig } from "../core/site-config.ts";
import {
  keepParsed,
  keyParse,
  lookUpBySignature,
  lookUpParsed,
  openPack,
  countChangedFiles,
  prunePacks,
  readSignature,
  savePack,
  type ParseCacheHandle,
  type ParsedFile,
} from "./parse-cache.ts";
import { attachBodies, type BodyRefs } from "./pack-bodies.ts";
import { decodeArticleSource, readArticleBytes } from "./read-content.ts";
import { runTsWorker } from "./ts-worker.ts";

/** One article file, read, validated and rendered (photos still slots). */
export interface PreparedFile {
  file: string;
  article: PreparedArticle | null;
  problems: ContentProblem[];
  isDraft: boolean;
  /** Each photo source as written, with its absolute path. */
  photoPaths: [string, string][];
  /** Section and slug for the checks across articles, when they could be read. */
  entry: CollectionEntry | null;
  /** Whether the parse came from the cache (lib/build/parse-cache.ts) rather than the parser. */
  fromCache: boolean;
  /** With a cache: the parse and its key, for a running `npm start` to keep in memory (ParseMemory). */
  kept?: KeptParse;
}

/**
 * Parses kept in memory between the builds of one process (`npm start`), by file: a save then
 * costs reading and hashing the files, not reading and decoding the whole cache again.
 */
export type ParseMemory = Map<string, KeptParse>;

/** A parse, the key of the bytes it was made from, and the file's stat signature then (if trusted). */
export interface KeptParse {
  key: string;
  parsed: ParsedFile;
  signature: string | null;
}

/** markdown-it percent-encodes body photo paths (`./ảnh.jpg`); a path that is not encoded stays as written. */
function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Whether a file starts like a photo the encoder reads (JPEG, PNG, WebP, GIF, AVIF/HEIF, TIFF).
 * Why: a text file or a broken download named .jpg would otherwise stop the build deep in the
 * encoder, after all checks passed; its first bytes tell, for the cost of one small read.
 */
function hasPhotoSignature(file: string): boolean {
  const head = Buffer.alloc(12);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 12, 0);
  } finally {
    fs.closeSync(fd);
  }
  const ascii = (from: number, to: number) => head.toString("latin1", from, to);
  return (
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    ascii(0, 4) === "\x89PNG" ||
    (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") ||
    ascii(0, 4) === "GIF8" ||
    ascii(4, 8) === "ftyp" ||
    ascii(0, 4) === "II*\0" ||
    ascii(0, 4) === "MM\0*"
  );
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * Where a photo is on disk, or the problem with it (`realDir`: the article's folder, links resolved). A photo must be a file inside the article's
 * own folder (for `name.md`, the folder holding it), after following symlinks: otherwise any file
 * the build can read (an absolute path, `../../x`, a link out of the content) would be published.
 */
function locatePhoto(
  use: PhotoUse,
  articleFile: string,
  realDir: string,
  root: string,
  file: string,
  locale: Locale,
): { absolute: string } | { problem: ContentProblem } {
  const messages = locale.writers.photos;
  const at = use.line ? { line: use.line } : {};
  const dir = path.dirname(articleFile);
  const absolute = path.resolve(dir, decodePath(use.src));
  const folder = path.relative(root, dir) || ".";
  const outside = { problem: { file, field: use.field, ...at, message: fillPattern(messages.outside, { src: use.src, folder }) } };
  if (!isInside(dir, absolute)) return outside;
  let real: string;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    return { problem: { file, field: use.field, ...at, message: fillPattern(messages.missing, { src: use.src }) } };
  }
  if (!isInside(realDir, real)) return outside;
  if (!fs.statSync(real).isFile() || !hasPhotoSignature(real))
    return { problem: { file, field: use.field, ...at, message: fillPattern(messages.notFile, { src: use.src }) } };
  return { absolute: real };
}

/** The photos' paths on disk, and a problem for each that is missing, elsewhere or not a photo. */
function locatePhotos(photos: readonly PhotoUse[], absolute: string, root: string, file: string, locale: Locale) {
  const problems: ContentProblem[] = [];
  const photoPaths: [string, string][] = [];
  const realDir = photos.length ? fs.realpathSync(path.dirname(absolute)) : "";
  for (const use of photos) {
    if (!use.src || isRemotePhoto(use.src)) continue;
    const located = locatePhoto(use, absolute, realDir, root, file, locale);
    if ("problem" in located) problems.push(located.problem);
    else photoPaths.push([use.src, located.absolute]);
  }
  return { problems, photoPaths };
}

/** Reads, validates and renders one article's bytes: everything but the photos on disk. */
function parseFile(bytes: Buffer, absolute: string, root: string, config: SiteConfig, locale: Locale): ParsedFile {
  const read = decodeArticleSource(bytes, absolute, root, locale);
  if ("problem" in read) {
    const { file } = read.problem;
    const inBody = read.body
      ? checkBodyPhotos(parseBody(normalizeText(read.body.text)), read.body.line, file, locale)
      : { photos: [], problems: [] };
    return { file, article: null, problems: [read.problem, ...inBody.problems], isDraft: false, photos: inBody.photos, entry: null };
  }
  const result = prepareArticle(read.source, config);
  const { article, problems, isDraft, photos, entry } = result;
  return { file: read.source.file, article, problems, isDraft, photos, entry };
}

/**
 * Reads and prepares files in order, checking every photo they use, even in articles with other
 * problems. With a `cache`, a file whose bytes were parsed before (same path, settings and parser
 * code) is not parsed again; its photos are still looked up on disk, since they are other files.
 * The files are share `share` of the build; its pack is written at the end unless `save` is false (then no pack is read either: `memory` alone is the cache).
 */
export function prepareFiles(
  files: readonly string[],
  root: string,
  config: SiteConfig,
  cache: ParseCacheHandle | null = null,
  memory: ParseMemory | null = null,
  share = 0,
  save = true,
): PreparedFile[] {
  const locale = getLocale(config.language);
  // Not saving (a warm `npm start`): the memory is the cache, and a file it lacks is parsed rather
  // than looked up in the packs (decoding them cost about 1 s a save at 16,000 articles).
  const pack = cache && save ? openPack(cache, share) : null;
  const prepared = files.map((absolute): PreparedFile => {
    const file = path.relative(root, absolute);
    // A file whose size, times and inode are those recorded with its parse is not read again.
    const signature = cache ? readSignature(cache, absolute) : null;
    const remembered = memory?.get(file);
    let found: { key: string; parsed: ParsedFile } | null = null;
    if (signature) found = remembered?.signature === signature ? remembered : pack ? lookUpBySignature(pack, file, signature) : null;
    let key = found?.key ?? "";
    let parsed = found?.parsed ?? null;
    if (!parsed) {
      const read = readArticleBytes(absolute, file, locale.writers);
      if ("problem" in read)
        return { file, article: null, problems: [read.problem], isDraft: false, photoPaths: [], entry: null, fromCache: false };
      key = cache ? keyParse(cache, file, read.bytes) : "";
      parsed = remembered?.key === key ? remembered.parsed : pack ? lookUpParsed(pack, file, key) : null;
      found = parsed ? { key, parsed } : null;
      parsed ??= parseFile(read.bytes, absolute, root, config, locale);
    }
    const fromCache = found !== null;
    if (pack) keepParsed(pack, key, parsed, !fromCache, signature);
    const located = locatePhotos(parsed.photos, absolute, root, parsed.file, locale);
    const problems = [...parsed.problems, ...located.problems];
    // A file that could not be read as an article has no prepared article, so no photo paths either.
    const usable = parsed.article !== null && problems.length === 0;
    return {
      file: parsed.file,
      article: usable ? parsed.article : null,
      problems,
      isDraft: parsed.isDraft,
      photoPaths: parsed.article ? located.photoPaths : [],
      entry: parsed.entry,
      fromCache,
      ...(cache ? { kept: { key, parsed, signature } } : {}),
    };
  });
  if (pack) savePack(pack);
  return prepared;
}

/** What a preparing thread posts back: its files, and where their bodies are (lib/build/pack-file.ts). */
export interface PostedShare {
  prepared: PreparedFile[];
  bodies: BodyRefs;
}

/** Each prepared file's article, as parsed (also one with problems), or null. */
export function listPreparedArticles(prepared: readonly PreparedFile[]): (PreparedArticle | null)[] {
  return prepared.map((file) => file.kept?.parsed.article ?? file.article);
}

/**
 * A thread's share with its articles' bodies read from its pack again. A file whose pack was
 * rewritten meanwhile (another build sharing the cache folder) is prepared again here, uncached.
 */
function receiveShare(posted: PostedShare, files: readonly string[], root: string, config: SiteConfig): PreparedFile[] {
  const lost = attachBodies(listPreparedArticles(posted.prepared), posted.bodies);
  if (lost.length === 0) return posted.prepared;
  const again = prepareFiles(
    lost.map((at) => files[at]!),
    root,
    config,
  );
  for (const [i, at] of lost.entries()) posted.prepared[at] = again[i]!;
  return posted.prepared;
}

// Below this many files a second thread costs more to start than it saves.
const PARALLEL_THRESHOLD = 2000;
// Up to this many files changed since the last build, one thread prepares them all (see below).
const INLINE_LIMIT = 200;

/**
 * Prepares all files, split into contiguous shares over one thread per core for large sites
 * (parsing Markdown is the biggest single cost of a build). Results keep the files' order. With a
 * `memory` that holds most files (a running `npm start`), all runs on this thread: starting a
 * thread would cost more than the few files left to parse; `memory` is then brought up to date,
 * and the cache's packs are left as they are (why: rewriting every entry in one pack would cost a
 * save more than parsing it; an article edited then is parsed again by the next `npm start`).
 */
export async function prepareAllFiles(
  files: readonly string[],
  root: string,
  config: SiteConfig,
  threads = os.availableParallelism(),
  cache: ParseCacheHandle | null = null,
  memory: ParseMemory | null = null,
): Promise<PreparedFile[]> {
  const warm = memory !== null && memory.size >= files.length / 2;
  const shares = files.length >= PARALLEL_THRESHOLD && !warm ? Math.max(1, threads) : 1;
  const size = Math.ceil(files.length / shares);
  const parts = Array.from({ length: shares }, (_, i) => files.slice(i * size, (i + 1) * size));
  // With few files changed since the packs were written, the shares are prepared here one after
  // another, each with its own pack: a thread costs about 1 s to start and to send its articles
  // back (16,000 articles), more than the few parses left.
  const inline = shares > 1 && cache !== null && countChangedFiles(cache, files, INLINE_LIMIT) <= INLINE_LIMIT;
  const helpers = parts.slice(1).map((part, i) =>
    inline
      ? Promise.resolve(prepareFiles(part, root, config, cache, null, i + 1))
      : runTsWorker<PostedShare>(new URL("./prepare-worker.ts", import.meta.url), {
          files: part,
          root,
          config,
          cache,
          share: i + 1,
        }).then((posted) => (posted ? receiveShare(posted, part, root, config) : [])),
  );
  const mine = prepareFiles(parts[0] ?? [], root, config, cache, memory, 0, !warm);
  const theirs = await Promise.all(helpers);
  // Packs of shares this build did not have, and removed articles' entries, go (not while warm).
  if (cache && !warm) prunePacks(cache, shares);
  const all = [mine, ...theirs].flat();
  if (memory) {
    memory.clear();
    for (const prepared of all) if (prepared.kept) memory.set(prepared.file, prepared.kept);
  }
  return all;
}
