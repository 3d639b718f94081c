import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { toOutputFile, type Route, type SharedData } from "../core/routes.ts";

/**
 * Bump when the renderer or a filter prints differently without any file hashed below changing
 * (a dependency's behaviour, say): every page is then rendered afresh once.
 */
const RENDERER_VERSION = 2;

// The sources the filters run (lib/build/template-filters.ts and what it calls): an edit to any of
// them cannot be attributed to single pages, so it changes the template hash and renders all.
// The same holds for the modules that make the values fingerprints print as a source key (cards,
// article metadata, feed entries: see replaceCollections).
const FILTER_SOURCES = [
  "./template-filters.ts",
  "./render-pages.ts",
  "../core/picture.ts",
  "../core/xml.ts",
  "../core/locales/index.ts",
  "../core/listing.ts",
  "../core/seo.ts",
  "../core/routes.ts",
];

/** Every file under `dir`, relative and sorted, so the hash does not depend on listing order. */
function listFilesSorted(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * One hash of everything that renders pages besides their data: every file under the layouts'
 * `_includes` (names and bytes), the filters' sources, the Nunjucks version and RENDERER_VERSION.
 */
export function hashTemplates(layoutsDir: string): string {
  const hash = createHash("sha256").update(`renderer ${RENDERER_VERSION}\n`);
  const nunjucksVersion = (createRequire(import.meta.url)("nunjucks/package.json") as { version: string }).version;
  hash.update(`nunjucks ${nunjucksVersion}\n`);
  const includes = path.join(layoutsDir, "_includes");
  for (const name of listFilesSorted(includes)) {
    hash
      .update(`${name}\0`)
      .update(fs.readFileSync(path.join(includes, name)))
      .update("\0");
  }
  for (const source of FILTER_SOURCES) {
    hash
      .update(`${source}\0`)
      .update(fs.readFileSync(new URL(source, import.meta.url)))
      .update("\0");
  }
  return hash.digest("hex");
}

/**
 * The JSON replacer of fingerprints. Maps and Sets would print as `{}` in plain JSON and hide their
 * contents from the hash, so they print as their entries. A value that carries a `sourceKey` prints
 * as that key: an article (Article.sourceKey: a hash of its file's parse key and its photos), and
 * what is made from one article alone, its cards, page metadata and feed entries, whose keys add
 * the kind and any other input (a card's comment count). Their fields are a function of what the
 * key covers and of the modules in FILTER_SOURCES; printing them in full on every build was most of
 * the JSON hashed (16,000 articles: 90 MB).
 */
function replaceCollections(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value] };
  const key = (value as { sourceKey?: unknown }).sourceKey;
  return typeof key === "string" ? `\u0000source ${key}` : value;
}

/**
 * The fingerprint of every route, keyed by its output file (`a/b/index.html`): a hash of the
 * template hash, the shared part, the route's template name and its data as JSON. Photo sets,
 * comments, dates and every other value a page prints are inside `data` or `shared`.
 */
export function fingerprintRoutes(routes: readonly Route[], shared: SharedData, templateHash: string): Map<string, string> {
  const fingerprint = createFingerprinter(shared, templateHash);
  return new Map(routes.map((route) => [toOutputFile(route.url), fingerprint(route)]));
}

/**
 * The fingerprint of one route (see fingerprintRoutes). The renderer's threads use it too: on a
 * full render each thread fingerprints the routes it renders, so the hashing is split over the
 * cores instead of running on one before rendering starts (16,000 articles: about 1.7 s).
 */
export function createFingerprinter(shared: SharedData, templateHash: string): (route: Route) => string {
  const base = createHash("sha256").update(templateHash).update("\0").update(JSON.stringify(shared, replaceCollections)).update("\0");
  return (route) =>
    base
      .copy()
      .update(`${route.url}\0${route.template}\0`)
      .update(JSON.stringify(route.data, replaceCollections) ?? "null")
      .digest("base64url");
}
