import type { Catalog } from "./catalog.ts";

/**
 * One article as the search index takes it (Pagefind's custom record): its URL, its language, the
 * text searched (lead and body as plain text), and what a result shows (`meta`: title, section,
 * date as printed and as ISO 8601, lead photo), a `section` filter and a `date` sort key.
 */
export interface SearchRecord {
  url: string;
  language: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Decodes the character references the renderer writes (named few, decimal, hex); others are kept as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// Tags that end a line of text: a word before one is never glued to the word after it.
const BLOCK_TAG =
  /<\/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|figure|figcaption|picture|img|blockquote|br|hr|div|table|tr|td|th|pre|section|aside)\b[^>]*>/gi;

/**
 * The text of rendered HTML, as a reader sees it: block tags become spaces, inline tags vanish
 * (`<strong>bài</strong>.` stays `bài.`), references are decoded, white space collapsed. For the
 * article HTML the build renders itself (lib/core/markdown.ts): no script, style or comments in it.
 */
export function toPlainText(html: string): string {
  return decodeEntities(html.replace(BLOCK_TAG, " ").replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * One article as the index takes it, before its text is extracted: its URL, its date (ISO 8601 in
 * the site's time zone: which shard it goes in), `parts`, the texts its record is made from (equal
 * parts always give an equal record), and the record itself on demand. A build hashes the parts of
 * every entry but extracts the text of those in shards it re-indexes only.
 */
export interface SearchEntry {
  url: string;
  date: string;
  parts: readonly string[];
  toRecord(): SearchRecord;
}

/**
 * The search entries of every article page, sorted by URL so that the same articles always give the
 * same index, byte for byte. Only what a reader searches or sees in a result goes in: comments,
 * related stories and menus never do, so approving a comment leaves the entries unchanged.
 */
export function listSearchEntries(catalog: Pick<Catalog, "articlePages" | "site">): SearchEntry[] {
  const language = catalog.site.lang;
  return catalog.articlePages
    .map(({ article }): SearchEntry => {
      const photo = article.image?.set.formats[0]?.variants[0];
      const image = photo && article.image ? { image: photo.url, image_alt: article.image.alt } : null;
      const { url, lead, title, dateShort, dateIso } = article;
      const section = article.section.name;
      // The source key stands for the body where the build knows it (Article.sourceKey): reading
      // every body to hash it would read the whole parse cache on every build. Printed body HTML
      // always starts with a tag, so the two kinds never meet.
      const body = article.sourceKey === undefined ? article.bodyHtml : `source ${article.sourceKey}`;
      return {
        url,
        date: dateIso,
        parts: [url, language, lead ?? "", body, title, section, dateShort, dateIso, image?.image ?? "", image?.image_alt ?? ""],
        toRecord: () => ({
          url,
          language,
          content: [lead ?? "", toPlainText(article.bodyHtml)].filter(Boolean).join("\n"),
          meta: { title, section, date: dateShort, datetime: dateIso, ...image },
          filters: { section: [section] },
          sort: { date: dateIso },
        }),
      };
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** The records of every article page, in the order of listSearchEntries. */
export function listSearchRecords(catalog: Pick<Catalog, "articlePages" | "site">): SearchRecord[] {
  return listSearchEntries(catalog).map((entry) => entry.toRecord());
}

/** An entry for a record already made: its parts are the record itself, as JSON. */
export function toSearchEntry(record: SearchRecord): SearchEntry {
  return { url: record.url, date: record.sort.date ?? "", parts: [JSON.stringify(record)], toRecord: () => record };
}

type Dated = Pick<SearchEntry, "date">;

/** Records a shard may hold before its period is split: a year into months, a month into days. */
export const SHARD_SIZE = 2000;

/** The shard key of a date at `depth` (0 year, 1 month, 2 day): `2023`, `2023-04`, `2023-04-17`. */
function getPeriodKey(date: string, depth: number): string {
  return date.slice(0, [4, 7, 10][depth]);
}

function splitByPeriod<T extends Dated>(records: readonly T[], depth: number, maxPerShard: number, into: Map<string, T[]>): void {
  const periods = new Map<string, T[]>();
  for (const record of records) {
    const key = getPeriodKey(record.date, depth);
    const period = periods.get(key);
    if (period) period.push(record);
    else periods.set(key, [record]);
  }
  for (const [key, period] of periods) {
    if (period.length > maxPerShard && depth < 2) splitByPeriod(period, depth + 1, maxPerShard, into);
    else into.set(key, period);
  }
}

/**
 * The entries split into search index shards by publication date (`date`, in the site's time
 * zone), newest first: one shard per year, except that a year with more
 * than `maxPerShard` records is split into months, and such a month into days. Editing an article
 * re-indexes its shard only, and the indexer can build several shards at once. A shard's bounds
 * follow from the dates alone, so adding one article never moves another between shards (a year
 * only splits, or joins again, as it crosses the size). Each shard keeps the entries' order.
 */
export function groupSearchEntries<T extends Dated>(records: readonly T[], maxPerShard = SHARD_SIZE): Map<string, T[]> {
  const shards = new Map<string, T[]>();
  splitByPeriod(records, 0, maxPerShard, shards);
  return new Map([...shards].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)));
}
