import type { Article } from "./article.ts";
import { getTagUrl } from "./article.ts";
import { formatDatePattern } from "./dates.ts";
import { COMMENT_LIMITS } from "./comment-limits.ts";
import type { CommentTarget } from "./comment-rules.ts";
import { arrangeComments, type CommentThread } from "./comment-thread.ts";
import type { Locale } from "./locales/index.ts";
import { fillPattern } from "./locales/index.ts";
import { paginate, pickRelated, toCard, type Card, type ListingPage } from "./listing.ts";
import { buildCommentFeed, buildFeed, findLastChange, getModifiedIso, type CommentFeed, type Feed } from "./feeds.ts";
import { describeArticleOnDemand, describePage, toAbsoluteUrl, type PageMeta } from "./seo.ts";
import type { SiteConfig } from "./site-config.ts";
import { planFrontPage } from "./front-page.ts";
import { linkArchiveMonths, listFooterLines, type FooterLine } from "./chrome.ts";
import { capitalizeFirst } from "./text.ts";

/** An approved comment as an article page prints it. */
export interface PublishedComment {
  id: string;
  name: string;
  dateIso: string;
  dateLine: string;
  /** Paragraphs (split on blank lines), each a list of lines: the template joins lines with <br>. */
  paragraphs: string[][];
  /** The id of the comment this one answers; null for a top-level comment. */
  replyTo: string | null;
  /** An answer from the newsroom: shown with the newsroom's name and a label, never an editor's. */
  newsroom: boolean;
}

/**
 * What the comment and moderation functions know of the site: its language, time zone and
 * newsroom name, and each article's address, headline and whether it takes comments. The optional
 * parts are absent from a manifest an older build wrote.
 */
export interface CommentManifest {
  language: string;
  timeZone?: string;
  newsroomName?: string;
  articles: Record<string, CommentTarget & { title?: string }>;
}

/** Everything the site shows, computed once per build from one typed article set; lib/core/routes.ts turns it into pages. */
export interface Catalog {
  site: {
    name: string;
    url: string;
    description: string;
    lang: string;
    ogLocale: string;
    /** The zone the masthead's date of today is shown in (by /assets/today.js). */
    timeZone: string;
    sections: { name: string; url: string; feedUrl: string }[];
    /** The footer's publisher, editor-in-chief, address, licence and contact lines that are set. */
    footer: FooterLine[];
  };
  t: Locale;
  /** Limits the comment form hints with; the comment function enforces the same ones. */
  commentLimits: typeof COMMENT_LIMITS;
  /** `comments`: one-level threads; `commentCount`: every comment shown, replies included. */
  articlePages: { article: Article; related: Card[]; comments: CommentThread[]; commentCount: number; meta: PageMeta }[];
  /** The front page: each story at most once (see lib/core/front-page.ts). */
  home: {
    /** The lead story, its card carrying the whole sapo. */
    lead: Card | null;
    secondary: Card[];
    /** The text-only "Tin mới" list. */
    latest: Card[];
    sections: { name: string; url: string; cards: Card[] }[];
    meta: PageMeta;
  };
  sectionPages: ListingPage[];
  tagPages: ListingPage[];
  tagIndex: { tags: { name: string; url: string; count: number }[]; url: string; meta: PageMeta };
  archivePages: ListingPage[];
  archiveIndex: { years: { year: string; months: { title: string; url: string; count: number }[] }[]; url: string; meta: PageMeta };
  feeds: Feed[];
  /** Atom feed of the latest approved comments, newest first. */
  commentFeed: CommentFeed;
  sitemap: { loc: string; lastmod: string | null }[];
  /** Every published article's URL and whether it takes comments: the comment function reads it. */
  commentManifest: CommentManifest;
  notFoundMeta: PageMeta;
  /** The search page: its form reads `?q=` and the script in /assets/search.js shows the results. */
  searchPage: { url: string; meta: PageMeta };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Builds every page's data from published, rendered articles. Pure: `now` stamps the feeds, and
 * approved comments arrive as a map from slug to comments (oldest first).
 */
export function buildCatalog(
  published: readonly Article[],
  config: SiteConfig,
  locale: Locale,
  now: Date,
  commentsBySlug: ReadonlyMap<string, PublishedComment[]> = new Map(),
): Catalog {
  const articles = [...published].sort((a, b) => b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug));
  // `comments: false` closes the form; comments approved before stay on the page.
  const arranged = new Map(
    articles.map((article) => [article.slug, arrangeComments(commentsBySlug.get(article.slug) ?? [], config.newsroomName)]),
  );
  const commentsOf = (article: Article) => arranged.get(article.slug)!;
  const card = (article: Article) => toCard(article, commentsOf(article).shown.length);
  const cards = new Map(articles.map((article) => [article.slug, card(article)]));
  const cardOf = (article: Article) => cards.get(article.slug)!;
  const bySection = groupBy(articles, (article) => article.section.slug);
  const order = (name: string) => {
    const i = config.sections.indexOf(name);
    return i === -1 ? config.sections.length : i;
  };
  const sections = [...bySection.values()]
    .map((list) => list[0]!.section)
    .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name, locale.lang));

  const articlePages = [];
  for (const list of bySection.values()) {
    for (const [index, article] of list.entries()) {
      articlePages.push({
        article,
        related: pickRelated(list, index, config.relatedCount).map(cardOf),
        comments: commentsOf(article).threads,
        commentCount: commentsOf(article).shown.length,
        meta: describeArticleOnDemand(article, config, locale.lang),
      });
    }
  }

  const sectionPages = sections.flatMap((section) =>
    paginate(
      bySection.get(section.slug)!.map(cardOf),
      section.url,
      { heading: section.name, feedUrl: `${section.url}feed.xml`, navUrl: section.url, showSection: false, monthNav: null },
      config,
      locale,
    ),
  );

  const tagged = new Map<string, { name: string; list: Article[] }>();
  for (const article of articles) {
    for (const tag of article.tags) {
      const entry = tagged.get(tag.slug) ?? { name: tag.name, list: [] };
      entry.list.push(article);
      tagged.set(tag.slug, entry);
    }
  }
  const tagList = [...tagged.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, locale.lang));
  const tagPages = tagList.flatMap(([slug, { name, list }]) =>
    paginate(
      list.map(cardOf),
      getTagUrl(slug, locale),
      // The heading reads as a title; the tag itself stays as written everywhere else.
      {
        heading: fillPattern(locale.listing.tagTitle, { tag: capitalizeFirst(name, locale.lang) }),
        feedUrl: null,
        navUrl: null,
        showSection: true,
        monthNav: null,
      },
      config,
      locale,
    ),
  );

  const archiveUrl = `/${locale.paths.archive}/`;
  const byMonth = groupBy(articles, (article) => article.monthKey);
  const monthTitle = (key: string) => {
    const [year, month] = key.split("-").map(Number) as [number, number];
    return formatDatePattern(new Date(Date.UTC(year, month - 1, 15)), "UTC", locale.dates.month, locale.dates);
  };
  const monthLinks = linkArchiveMonths(
    [...byMonth.keys()].map((key) => ({ key, title: monthTitle(key), url: `${archiveUrl}${key}/` })),
    locale,
  );
  const archivePages = [...byMonth.entries()].flatMap(([key, list]) =>
    paginate(
      list.map(cardOf),
      `${archiveUrl}${key}/`,
      {
        heading: `${locale.listing.archiveTitle}: ${monthTitle(key)}`,
        feedUrl: null,
        navUrl: archiveUrl,
        showSection: true,
        monthNav: monthLinks.get(key) ?? null,
      },
      config,
      locale,
    ),
  );
  const years = groupBy([...byMonth.keys()], (key) => key.slice(0, 4));

  const feeds = [
    buildFeed("/feed.xml", fillPattern(locale.feed.siteTitle, { site: config.name }), "/", articles, config, now),
    ...sections.map((section) =>
      buildFeed(
        `${section.url}feed.xml`,
        fillPattern(locale.feed.sectionTitle, { site: config.name, section: section.name }),
        section.url,
        bySection.get(section.slug)!,
        config,
        now,
      ),
    ),
  ];

  const front = planFrontPage(
    articles,
    sections.map((section) => ({ slug: section.slug, stories: bySection.get(section.slug)! })),
    { latest: config.homeLatest, perSection: config.homePerSection },
    now,
  );
  const listingUrls = [...sectionPages, ...tagPages, ...archivePages].map((page) => page.url);
  const sitemap = [
    { loc: toAbsoluteUrl(config, "/"), lastmod: findLastChange(articles) },
    ...articles.map((article) => ({ loc: toAbsoluteUrl(config, article.url), lastmod: getModifiedIso(article) })),
    ...[archiveUrl, `/${locale.paths.tag}/`, ...listingUrls].map((url) => ({ loc: toAbsoluteUrl(config, url), lastmod: null })),
  ];

  return {
    site: {
      name: config.name,
      url: config.url,
      description: config.description,
      lang: locale.lang,
      ogLocale: locale.ogLocale,
      timeZone: config.timeZone,
      sections: sections.map((section) => ({ name: section.name, url: section.url, feedUrl: `${section.url}feed.xml` })),
      footer: listFooterLines(config.footer, locale),
    },
    t: locale,
    commentLimits: COMMENT_LIMITS,
    articlePages,
    home: {
      lead: front.lead ? { ...cardOf(front.lead), lead: front.lead.lead } : null,
      secondary: front.secondary.map(cardOf),
      latest: front.latest.map(cardOf),
      sections: front.sections.map((block) => {
        const { name, url } = block.stories[0]!.section;
        return { name, url, cards: block.stories.map(cardOf) };
      }),
      meta: describePage(config, "/", null),
    },
    sectionPages,
    tagPages,
    tagIndex: {
      tags: tagList.map(([slug, { name, list }]) => ({ name, url: getTagUrl(slug, locale), count: list.length })),
      url: `/${locale.paths.tag}/`,
      meta: describePage(config, `/${locale.paths.tag}/`, locale.nav.tags),
    },
    archivePages,
    archiveIndex: {
      years: [...years.entries()].map(([year, keys]) => ({
        year,
        months: keys.map((key) => ({ title: monthTitle(key), url: `${archiveUrl}${key}/`, count: byMonth.get(key)!.length })),
      })),
      url: archiveUrl,
      meta: describePage(config, archiveUrl, locale.listing.archiveTitle),
    },
    feeds,
    commentFeed: buildCommentFeed(
      articles.map((article) => ({ article, comments: commentsOf(article).shown })),
      config,
      locale,
      now,
    ),
    sitemap,
    commentManifest: {
      language: locale.lang,
      timeZone: config.timeZone,
      newsroomName: config.newsroomName,
      articles: Object.fromEntries(
        articles.map((article) => [article.slug, { url: article.url, open: article.acceptsComments, title: article.title }]),
      ),
    },
    notFoundMeta: describePage(config, "/404.html", locale.notFound.title),
    searchPage: {
      url: `/${locale.search.path}/`,
      meta: describePage(config, `/${locale.search.path}/`, locale.search.title),
    },
  };
}
