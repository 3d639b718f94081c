import type { Catalog } from "./catalog.ts";
import { BantinError } from "./errors.ts";
import { getModifiedIso, type CommentFeed, type Feed } from "./feeds.ts";
import type { Locale } from "./locales/index.ts";

/** The templates in layouts/_includes/pages/, by name (`home` is `pages/home.njk`). */
export type TemplateName =
  | "article"
  | "listing"
  | "home"
  | "tag-index"
  | "archive-index"
  | "not-found"
  | "admin"
  | "feed"
  | "sitemap"
  | "robots"
  | "comment-manifest"
  | "search";

/** The part of the catalog every template reads as `bantin`: site settings, locale, comment limits. */
export type SharedData = Pick<Catalog, "site" | "t" | "commentLimits">;

/**
 * One file the build writes: its URL, the template that renders it, and `data`, which the template
 * reads as `data`.
 *
 * A page is rendered from exactly these and nothing else: `data`, its template (with the includes
 * and the filters of lib/build/template-filters.ts) and the small `shared` part every page reads as
 * `bantin` (site settings, locale, comment limits). No template reaches into the rest of the
 * catalog. So a page's fingerprint (lib/build/page-fingerprints.ts, for incremental builds) is a
 * hash of `data`, `shared` and the template files: if none changed, neither did the page.
 */
export interface Route {
  url: string;
  template: TemplateName;
  data: unknown;
}

/** One entry of an Atom feed, whatever it lists (articles or comments). */
export interface AtomEntry {
  title: string;
  url: string;
  dateIso: string;
  /** Atom `<updated>`: the last change (an article's `updated`, else its publication). */
  updatedIso: string;
  author: string;
  category: string | null;
  summary: string | null;
  contentType: "html" | "text";
  content: string;
  /** An article's entry: `entry <article's source key>` when that is known (see Card.sourceKey). */
  sourceKey?: string;
}

/** What the one Atom template (pages/feed.njk) prints. */
export interface AtomFeed {
  title: string;
  selfUrl: string;
  alternateUrl: string;
  updatedIso: string;
  entries: AtomEntry[];
}

/**
 * First path segments the site serves from somewhere other than a route: photos (img/), the assets
 * Eleventy copies (assets/), the comment and moderation functions (api/), and the search index the
 * build writes (pagefind/, lib/build/search-index.ts).
 */
const OTHER_OWNERS = ["img", "assets", "api", "pagefind"] as const;

/** The URL of each page that exists whatever the content is, in the site's language. */
export function getFixedUrls(locale: Locale) {
  return {
    home: "/",
    notFound: "/404.html",
    admin: "/admin/",
    tagIndex: `/${locale.paths.tag}/`,
    archiveIndex: `/${locale.paths.archive}/`,
    siteFeed: "/feed.xml",
    commentFeed: `/${locale.paths.comments}/feed.xml`,
    sitemap: "/sitemap.xml",
    robots: "/robots.txt",
    commentManifest: "/comment-manifest.json",
    search: `/${locale.search.path}/`,
  };
}

/**
 * First path segments a section may not take: those of the fixed routes (tag index and tag pages,
 * archive, comment feed, admin, feeds, sitemap, …) and of the folders served from elsewhere.
 */
export function getTakenSegments(locale: Locale): Set<string> {
  const taken = new Set<string>(OTHER_OWNERS);
  for (const url of Object.values(getFixedUrls(locale))) {
    const first = url.split("/").filter(Boolean)[0];
    if (first) taken.add(first);
  }
  return taken;
}

/** An article or section feed as the Atom template prints it. */
function toAtomFromArticles(feed: Feed): AtomFeed {
  return {
    title: feed.title,
    selfUrl: feed.selfUrl,
    alternateUrl: feed.alternateUrl,
    updatedIso: feed.updatedIso,
    entries: feed.entries.map(({ article, absoluteUrl }) => ({
      title: article.title,
      url: absoluteUrl,
      dateIso: article.dateIso,
      updatedIso: getModifiedIso(article),
      author: article.author,
      category: article.section.name,
      summary: article.lead,
      contentType: "html",
      // Printed when the feed is rendered: fingerprints print the source key instead.
      get content() {
        return article.bodyHtml;
      },
      ...(article.sourceKey ? { sourceKey: `entry ${article.sourceKey}` } : {}),
    })),
  };
}

/** The comment feed as the Atom template prints it: plain text, paragraphs apart by a blank line. */
function toAtomFromComments(feed: CommentFeed, siteUrl: string): AtomFeed {
  return {
    title: feed.title,
    selfUrl: feed.selfUrl,
    alternateUrl: `${siteUrl}/`,
    updatedIso: feed.updatedIso,
    entries: feed.entries.map(({ comment, article, url }) => ({
      title: `${comment.name} – ${article.title}`,
      url,
      dateIso: comment.dateIso,
      updatedIso: comment.dateIso,
      author: comment.name,
      category: null,
      summary: null,
      contentType: "text",
      content: comment.paragraphs.map((lines) => lines.join("\n")).join("\n\n"),
    })),
  };
}

/**
 * Every file the build renders, computed from the catalog: article pages, home, section, tag and
 * archive listings, tag and archive indexes, 404, /admin/, every feed, the sitemap, robots.txt,
 * the comment manifest and the search page. Throws a BantinError if two routes share a URL (content checks catch the
 * clashes writers can cause first, naming their files, so this one means a bug).
 */
export function listRoutes(catalog: Catalog): Route[] {
  const fixed = getFixedUrls(catalog.t);
  const routes: Route[] = [
    ...catalog.articlePages.map((page): Route => ({ url: page.article.url, template: "article", data: page })),
    ...[...catalog.sectionPages, ...catalog.tagPages, ...catalog.archivePages].map(
      (page): Route => ({ url: page.url, template: "listing", data: page }),
    ),
    ...catalog.feeds.map((feed): Route => ({ url: feed.path, template: "feed", data: toAtomFromArticles(feed) })),
    { url: fixed.commentFeed, template: "feed", data: toAtomFromComments(catalog.commentFeed, catalog.site.url) },
    { url: fixed.home, template: "home", data: catalog.home },
    { url: fixed.tagIndex, template: "tag-index", data: catalog.tagIndex },
    { url: fixed.archiveIndex, template: "archive-index", data: catalog.archiveIndex },
    { url: fixed.notFound, template: "not-found", data: { meta: catalog.notFoundMeta } },
    { url: fixed.admin, template: "admin", data: null },
    { url: fixed.sitemap, template: "sitemap", data: catalog.sitemap },
    { url: fixed.robots, template: "robots", data: null },
    { url: fixed.commentManifest, template: "comment-manifest", data: catalog.commentManifest },
    { url: fixed.search, template: "search", data: catalog.searchPage },
  ];
  const seen = new Map<string, Route>();
  for (const route of routes) {
    const other = seen.get(route.url);
    if (other)
      throw new BantinError(
        `Two pages would be written to ${route.url} (templates "${other.template}" and "${route.template}"); a content check should have caught this, please report it`,
      );
    seen.set(route.url, route);
  }
  return routes;
}

/** The file a route's URL is written to, relative to the site: `/a/b/` → `a/b/index.html`. */
export function toOutputFile(url: string): string {
  const relative = url.endsWith("/") ? `${url}index.html` : url;
  return relative.replace(/^\/+/, "");
}
