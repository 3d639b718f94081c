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
 * The search records of every article page, sorted by URL so that the same articles always give the
 * same index, byte for byte. Only what a reader searches or sees in a result goes in: comments,
 * related stories and menus never do, so approving a comment leaves the records unchanged.
 */
export function listSearchRecords(catalog: Pick<Catalog, "articlePages" | "site">): SearchRecord[] {
  return catalog.articlePages
    .map(({ article }): SearchRecord => {
      const photo = article.image?.set.formats[0]?.variants[0];
      return {
        url: article.url,
        language: catalog.site.lang,
        content: [article.lead ?? "", toPlainText(article.bodyHtml)].filter(Boolean).join("\n"),
        meta: {
          title: article.title,
          section: article.section.name,
          date: article.dateShort,
          datetime: article.dateIso,
          ...(photo && article.image ? { image: photo.url, image_alt: article.image.alt } : {}),
        },
        filters: { section: [article.section.name] },
        sort: { date: article.dateIso },
      };
    })
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * The records split by publication year (the article's date in the site's time zone, as its
 * `datetime` says), newest year first: one search index shard each, so that editing an article
 * re-indexes its year only. Each shard keeps the records' URL order.
 */
export function groupSearchRecordsByYear(records: readonly SearchRecord[]): Map<string, SearchRecord[]> {
  const years = new Map<string, SearchRecord[]>();
  for (const record of records) {
    const year = (record.sort.date ?? "").slice(0, 4);
    const shard = years.get(year);
    if (shard) shard.push(record);
    else years.set(year, [record]);
  }
  return new Map([...years].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)));
}
