import fs from "node:fs";
import type { PreparedArticle } from "../core/article.ts";
import type { ParsedBody } from "../core/markdown.ts";

// The start of a pack file (layout in lib/build/pack-file.ts): MAGIC and a stamp of random bytes,
// new with each write; the article bodies follow. This module reads the bodies and passes them on.
export const MAGIC = Buffer.from("bantin-pack-3\n");
export const STAMP = 8;
export const BODIES_AT = MAGIC.length + STAMP;

/** An open pack file whose bodies are read on demand; its descriptor closes once nothing uses it. */
export interface PackReader {
  fd: number;
  file: string;
  stamp: string;
}

const readers = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** Where the bytes of a body read from a pack are, until something rewrites it. */
const origins = new WeakMap<ParsedBody, { reader: PackReader; offset: number; length: number }>();

/** Reads exactly `target.length` bytes at `position`, or throws. */
export function readFully(fd: number, target: Buffer, position: number): void {
  let done = 0;
  while (done < target.length) {
    const read = fs.readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) throw new Error("the pack file ends early");
    done += read;
  }
}

/** Reads the body at `offset` of the pack `reader` into `target` (its length is the body's). */
export function readBodyInto(reader: PackReader, offset: number, target: Buffer): void {
  readFully(reader.fd, target, BODIES_AT + offset);
}

function readBody(reader: PackReader, offset: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  readBodyInto(reader, offset, bytes);
  return bytes;
}

/** The stamp of the open pack `fd` (hex), or null when the file does not start as a pack does. */
export function readStamp(fd: number): string | null {
  const head = Buffer.alloc(BODIES_AT);
  readFully(fd, head, 0);
  return head.subarray(0, MAGIC.length).equals(MAGIC) ? head.toString("hex", MAGIC.length) : null;
}

/**
 * A body whose HTML is read from the pack each time it is asked for. Why not kept once read: a
 * build asks for a body once or twice (its page, its search record), and 100,000 bodies kept in
 * memory would be most of the build's peak.
 */
export function createLazyBody(photos: ParsedBody["photos"], reader: PackReader, offset: number, length: number): ParsedBody {
  const body: ParsedBody = {
    photos,
    get html() {
      return readBody(reader, offset, length).toString("utf8");
    },
  };
  origins.set(body, { reader, offset, length });
  return body;
}

/** A reader of the open pack `fd`, closed once nothing reads from it any more. */
export function trackReader(fd: number, file: string, stamp: string): PackReader {
  const reader: PackReader = { fd, file, stamp };
  readers.register(reader, fd);
  return reader;
}

/** Where a body read from a pack is, or null for a body held as text. */
export function findOrigin(body: ParsedBody): { reader: PackReader; offset: number; length: number } | null {
  return origins.get(body) ?? null;
}

/** Where the bodies of some articles are in pack files, for another thread to read them there. */
export interface BodyRefs {
  packs: { file: string; stamp: string }[];
  /** Per article, in order: [pack, offset, length], or null when the body travels with it. */
  spans: ([number, number, number] | null)[];
}

/**
 * Empties the bodies of `articles` that are read from a pack and says where they are: a thread
 * posting its articles to another then sends no body text (16,000 articles: about 55 MB).
 */
export function detachBodies(articles: readonly (PreparedArticle | null)[]): BodyRefs {
  const packs: BodyRefs["packs"] = [];
  const numbers = new Map<PackReader, number>();
  const spans = articles.map((article): [number, number, number] | null => {
    const origin = article && origins.get(article.body);
    if (!article || !origin) return null;
    let pack = numbers.get(origin.reader);
    if (pack === undefined) {
      pack = packs.push({ file: origin.reader.file, stamp: origin.reader.stamp }) - 1;
      numbers.set(origin.reader, pack);
    }
    article.body = { photos: article.body.photos, html: "" };
    return [pack, origin.offset, origin.length];
  });
  return { packs, spans };
}

/**
 * Gives `articles` (the same list, posted) their bodies back from the packs `refs` names. Returns
 * the positions whose pack was rewritten meanwhile (by another build sharing the cache folder):
 * those articles must be prepared again.
 */
export function attachBodies(articles: readonly (PreparedArticle | null)[], refs: BodyRefs): number[] {
  const opened = refs.packs.map(({ file, stamp }) => {
    let fd: number | null = null;
    try {
      fd = fs.openSync(file, "r");
      if (readStamp(fd) !== stamp) return null;
      const reader = trackReader(fd, file, stamp);
      fd = null;
      return reader;
    } catch {
      return null;
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  });
  const lost: number[] = [];
  refs.spans.forEach((span, at) => {
    const article = articles[at];
    if (!span || !article) return;
    const reader = opened[span[0]];
    if (reader) article.body = createLazyBody(article.body.photos, reader, span[1], span[2]);
    else lost.push(at);
  });
  return lost;
}
