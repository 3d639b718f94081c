import { randomBytes } from "node:crypto";
import fs from "node:fs";
import v8 from "node:v8";
import type { PreparedArticle } from "../core/article.ts";
import type { ParsedBody } from "../core/markdown.ts";
import { BODIES_AT, createLazyBody, findOrigin, MAGIC, readBodyInto, readFully, readStamp, STAMP, trackReader } from "./pack-bodies.ts";
import type { ParsedFile } from "./parse-cache.ts";

/** One cached parse, the key it was made for, and the file's stat signature when it was read (if trusted). */
export interface PackEntry {
  key: string;
  parsed: ParsedFile;
  signature?: string | null;
}

// Layout of a pack file: MAGIC, a stamp (8 random bytes, new with each write), every article
// body's UTF-8 bytes one after another (lib/build/pack-bodies.ts reads them), the index (a
// v8-serialized Map from path to entry, each body left out and replaced by its offset and length),
// then the byte lengths of the bodies and of the index (two 64-bit little-endian numbers).
//
// Why bodies apart: a rebuild needs every article's front matter to build listings, but the body
// only of the pages it renders. Decoding 16,000 bodies (about 55 MB) was a third of a rebuild with
// nothing changed; now a body is read from the file when something asks for it. Why the index
// last: the bodies stream out as they are encoded, so writing a pack holds no second copy of them.
const TAIL = 16;
const STAGING = 1 << 20;

function isSpan(value: unknown, limit: number): value is [number, number] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [offset, length] = value as unknown[];
  return (
    Number.isSafeInteger(offset) &&
    Number.isSafeInteger(length) &&
    (offset as number) >= 0 &&
    (length as number) >= 0 &&
    (offset as number) + (length as number) <= limit
  );
}

/**
 * The entries of one pack file, each article's body read lazily from it; an empty Map when the
 * file is missing, of another format, cut short or damaged (the build then parses those files).
 */
export function readPackFile(file: string): Map<string, PackEntry> {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, "r");
    const size = fs.fstatSync(fd).size;
    const tail = Buffer.alloc(TAIL);
    if (size < BODIES_AT + TAIL) return new Map();
    const stamp = readStamp(fd);
    readFully(fd, tail, size - TAIL);
    const bodiesLength = Number(tail.readBigUInt64LE(0));
    const indexLength = Number(tail.readBigUInt64LE(8));
    if (stamp === null || size !== BODIES_AT + bodiesLength + indexLength + TAIL) return new Map();
    const index = Buffer.allocUnsafe(indexLength);
    readFully(fd, index, BODIES_AT + bodiesLength);
    const stored = v8.deserialize(index) as unknown;
    if (!(stored instanceof Map)) return new Map();
    const reader = trackReader(fd, file, stamp);
    fd = null;
    for (const entry of stored.values() as Iterable<PackEntry & { body?: unknown }>) {
      const article = entry?.parsed?.article;
      if (article && isSpan(entry.body, bodiesLength))
        article.body = createLazyBody(article.body?.photos ?? [], reader, entry.body[0], entry.body[1]);
      delete entry.body;
    }
    return stored as Map<string, PackEntry>;
  } catch {
    return new Map();
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes bytes to a file through a staging buffer, counting them; `onFlush` runs after each write. */
function createSink(fd: number, onFlush: () => void) {
  const staging = Buffer.allocUnsafe(STAGING);
  let used = 0;
  let flushed = 0;
  const flush = () => {
    writeFully(fd, staging.subarray(0, used));
    flushed += used;
    used = 0;
    onFlush();
  };
  return {
    /** Bytes added so far. */
    get written() {
      return flushed + used;
    },
    /** Appends `length` bytes, which `fill` puts into the buffer it is given. */
    add(length: number, fill: (target: Buffer) => void) {
      if (used + length > STAGING) flush();
      if (length > STAGING) {
        const own = Buffer.allocUnsafe(length);
        fill(own);
        writeFully(fd, own);
        flushed += length;
        return;
      }
      fill(staging.subarray(used, used + length));
      used += length;
    },
    end: flush,
  };
}

/** Appends a body's UTF-8 bytes: copied from the pack it was read from when not decoded yet. */
function appendBody(sink: ReturnType<typeof createSink>, body: ParsedBody): number {
  const origin = findOrigin(body);
  if (origin) {
    sink.add(origin.length, (target) => readBodyInto(origin.reader, origin.offset, target));
    return origin.length;
  }
  const html = body.html;
  const length = Buffer.byteLength(html, "utf8");
  sink.add(length, (target) => target.write(html, "utf8"));
  return length;
}

/** A pack being written, entry by entry: see openPackWriter. */
export interface PackWriter {
  add(at: string, entry: PackEntry): void;
  /** Writes the index and renames the file into place. Throws when it cannot. */
  finish(): void;
}

/**
 * Starts writing a pack to `temporary`, renamed over `file` by finish(), so a stopped build never
 * leaves half a pack. Each body added is written out at once (through a 1 MB buffer) and from then
 * on read from the file when asked for, so its text is let go: a thread parsing 50,000 articles
 * holds their front matter, not their bodies. Throws when the folder cannot be written.
 */
export function openPackWriter(file: string, temporary: string): PackWriter {
  const stamp = randomBytes(STAMP);
  const fd = fs.openSync(temporary, "w+");
  // Tracked now: once bodies read from it, the descriptor must outlive a failed finish().
  const reader = trackReader(fd, file, stamp.toString("hex"));
  let written: [PreparedArticle, number, number][] = [];
  const sink = createSink(fd, () => {
    for (const [article, offset, length] of written) article.body = createLazyBody(article.body.photos, reader, offset, length);
    written = [];
  });
  writeFully(fd, Buffer.concat([MAGIC, stamp]));
  const index = new Map<string, PackEntry & { body?: [number, number] }>();
  return {
    add(at, entry) {
      const article = entry.parsed.article;
      if (!article) {
        index.set(at, entry);
        return;
      }
      const offset = sink.written;
      const length = appendBody(sink, article.body);
      const bare = { ...article, body: { photos: article.body.photos, html: "" } };
      index.set(at, { ...entry, parsed: { ...entry.parsed, article: bare }, body: [offset, length] });
      written.push([article, offset, length]);
    },
    finish() {
      try {
        sink.end();
        const serialized = v8.serialize(index);
        const tail = Buffer.alloc(TAIL);
        tail.writeBigUInt64LE(BigInt(sink.written), 0);
        tail.writeBigUInt64LE(BigInt(serialized.length), 8);
        writeFully(fd, serialized);
        writeFully(fd, tail);
        fs.renameSync(temporary, file);
      } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
      }
    },
  };
}

/** Writes `entries` as the pack `file` (see openPackWriter). Throws when the folder cannot be written. */
export function writePackFile(file: string, temporary: string, entries: ReadonlyMap<string, PackEntry>): void {
  const writer = openPackWriter(file, temporary);
  for (const [at, entry] of entries) writer.add(at, entry);
  writer.finish();
}
