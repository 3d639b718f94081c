import type { Article, PlacedPhoto } from "./article.ts";
import type { Locale } from "./locales/index.ts";
import { fillPattern } from "./locales/index.ts";
import { describePage, type PageMeta } from "./seo.ts";
import type { SiteConfig } from "./site-config.ts";
import { shortenAtWord } from "./text.ts";

/** Longest sapo a card prints, in characters: about three lines of a card column. */
export const CARD_LEAD_MAX = 160;

/** An article as listings show it: photo thumbnail, title, lead, date. */
export interface Card {
  slug: string;
  title: string;
  url: string;
  /** The sapo, cut at a word boundary to CARD_LEAD_MAX characters with "…". */
  lead: string | null;
  dateIso: string;
  dateShort: string;
  section: { name: string; url: string };
  image: PlacedPhoto | null;
  commentCount: number;
  /**
   * `card <article's source key> <comment count>` when the article's source key is known
   * (Article.sourceKey): every field above follows from those two, so fingerprints print this.
   */
  sourceKey?: string;
}

/** One page of a paginated listing (section, tag or archive month). */
export interface ListingPage {
  url: string;
  heading: string;
  items: Card[];
  page: number;
  pages: number;
  pageLabel: string;
  prevUrl: string | null;
  nextUrl: string | null;
  feedUrl: string | null;
  /** Menu entry to mark as current (a section's or the archive's URL). */
  navUrl: string | null;
  /** Whether cards name their section (not on a section's own pages). */
  showSection: boolean;
  /** Archive month pages: links to the months before and after that have articles. */
  monthNav: MonthNav | null;
  meta: PageMeta;
}

/** An archive month's links to its neighbours; each is null at the end of the archive. */
export interface MonthNav {
  older: { url: string; label: string } | null;
  newer: { url: string; label: string } | null;
}

/** How one listing is titled and placed in the site. */
export interface ListingKind {
  heading: string;
  feedUrl: string | null;
  navUrl: string | null;
  showSection: boolean;
  monthNav: MonthNav | null;
}

/** The card of an article; `commentCount` comes from the approved comments. */
export function toCard(article: Article, commentCount = 0): Card {
  return {
    slug: article.slug,
    title: article.title,
    url: article.url,
    lead: article.lead === null ? null : shortenAtWord(article.lead, CARD_LEAD_MAX),
    dateIso: article.dateIso,
    dateShort: article.dateShort,
    section: { name: article.section.name, url: article.section.url },
    image: article.image,
    commentCount,
    ...(article.sourceKey ? { sourceKey: `card ${article.sourceKey} ${commentCount}` } : {}),
  };
}

/** URL of page `page` of a listing that starts at `baseUrl` (`/tin-hoat-dong/trang-2/`). */
export function getPageUrl(baseUrl: string, page: number, locale: Locale): string {
  return page === 1 ? baseUrl : `${baseUrl}${locale.paths.page}-${page}/`;
}

/**
 * Splits cards into pages of `config.pageSize`. An empty listing still gets its first page, so a
 * new section or tag never links to a 404.
 */
export function paginate(cards: Card[], baseUrl: string, kind: ListingKind, config: SiteConfig, locale: Locale): ListingPage[] {
  const { heading } = kind;
  const pages = Math.max(1, Math.ceil(cards.length / config.pageSize));
  const out: ListingPage[] = [];
  for (let page = 1; page <= pages; page++) {
    const url = getPageUrl(baseUrl, page, locale);
    const pageLabel = fillPattern(locale.pagination.pageOf, { page, pages });
    const title = page === 1 ? heading : `${heading} – ${pageLabel}`;
    out.push({
      url,
      items: cards.slice((page - 1) * config.pageSize, page * config.pageSize),
      page,
      pages,
      pageLabel,
      prevUrl: page > 1 ? getPageUrl(baseUrl, page - 1, locale) : null,
      nextUrl: page < pages ? getPageUrl(baseUrl, page + 1, locale) : null,
      ...kind,
      meta: describePage(config, url, title),
    });
  }
  return out;
}

/**
 * Up to `count` articles of the same section nearest in time, newer and older alternately. `sorted`
 * is the section newest first and `index` the article's place in it: no scan of the whole site.
 */
export function pickRelated<T>(sorted: readonly T[], index: number, count: number): T[] {
  const related: T[] = [];
  for (let step = 1; related.length < count && (index - step >= 0 || index + step < sorted.length); step++) {
    const newer = sorted[index - step];
    const older = sorted[index + step];
    if (newer !== undefined) related.push(newer);
    if (older !== undefined && related.length < count) related.push(older);
  }
  return related;
}
