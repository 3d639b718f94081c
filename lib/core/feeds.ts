import type { Article } from "./article.ts";
import type { PublishedComment } from "./catalog.ts";
import { formatIsoInZone } from "./dates.ts";
import { fillPattern, type Locale } from "./locales/index.ts";
import { toAbsoluteUrl } from "./seo.ts";
import type { SiteConfig } from "./site-config.ts";

/** One Atom feed: the whole site or one section. */
export interface Feed {
  path: string;
  title: string;
  selfUrl: string;
  alternateUrl: string;
  updatedIso: string;
  entries: { article: Article; absoluteUrl: string }[];
}

/** The Atom feed of the latest approved comments. */
export interface CommentFeed {
  path: string;
  title: string;
  selfUrl: string;
  updatedIso: string;
  entries: { comment: PublishedComment; article: Article; url: string }[];
}

/** A feed of the newest `config.feedSize` of `articles` (newest first), served at `path`. */
export function buildFeed(
  path: string,
  title: string,
  alternate: string,
  articles: readonly Article[],
  config: SiteConfig,
  now: Date,
): Feed {
  const entries = articles.slice(0, config.feedSize).map((article) => ({ article, absoluteUrl: toAbsoluteUrl(config, article.url) }));
  return {
    path,
    title,
    selfUrl: toAbsoluteUrl(config, path),
    alternateUrl: toAbsoluteUrl(config, alternate),
    updatedIso: findLastChange(entries.map((entry) => entry.article)) ?? formatIsoInZone(now, config.timeZone),
    entries,
  };
}

/** When an article last changed: its `updated` time, else its publication time (ISO, site zone). */
export function getModifiedIso(article: Article): string {
  return article.updated?.iso ?? article.dateIso;
}

/** The latest change among `articles` (publication or update), as ISO in the site zone; null for none. */
export function findLastChange(articles: readonly Article[]): string | null {
  let last: Article | null = null;
  const changedAt = (article: Article) => (article.updated ?? article).date.getTime();
  for (const article of articles) if (!last || changedAt(article) > changedAt(last)) last = article;
  return last ? getModifiedIso(last) : null;
}

/** The newest approved comments across all articles, each linking to its place on the page. */
export function buildCommentFeed(
  published: readonly { article: Article; comments: readonly PublishedComment[] }[],
  config: SiteConfig,
  locale: Locale,
  now: Date,
): CommentFeed {
  const path = `/${locale.paths.comments}/feed.xml`;
  const entries = published
    .flatMap(({ article, comments }) =>
      comments.map((comment) => ({ comment, article, url: `${toAbsoluteUrl(config, article.url)}#bl-${comment.id}` })),
    )
    .sort((a, b) => (a.comment.id < b.comment.id ? 1 : -1))
    .slice(0, config.feedSize);
  return {
    path,
    title: fillPattern(locale.feed.commentsTitle, { site: config.name }),
    selfUrl: toAbsoluteUrl(config, path),
    updatedIso: entries[0]?.comment.dateIso ?? formatIsoInZone(now, config.timeZone),
    entries,
  };
}
