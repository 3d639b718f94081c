import type { Article } from "./article.ts";
import { getLargestVariant } from "./picture.ts";
import type { SiteConfig } from "./site-config.ts";

/** What a page's `<head>` says about it: title, description, canonical URL, cards, JSON-LD. */
export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  ogType: "article" | "website";
  /** The social card's photo; width and height are null when not known (a site image from site.json). */
  image: { url: string; width: number | null; height: number | null; alt: string } | null;
  /** `summary_large_image` for a photo, `summary` for the logo or no image. */
  twitterCard: "summary" | "summary_large_image";
  /** JSON-LD already made safe to sit inside a `<script>` element. */
  jsonLd: string | null;
  article: { publishedIso: string; modifiedIso: string | null; section: string; tags: string[] } | null;
  /** An article page's: `meta <article's source key>` when that is known (see Card.sourceKey). */
  sourceKey?: string;
}

/** Longest article `<title>` that still carries the site name; longer headlines stand alone. */
const MAX_TITLE_LENGTH = 70;

/**
 * JSON for an HTML `<script type="application/ld+json">` block: `<`, `>` and `&` are written as
 * \u escapes so no title can close the element or start a comment, and the JSON stays valid.
 */
export function serializeJsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Absolute URL of a site path. */
export function toAbsoluteUrl(config: SiteConfig, path: string): string {
  return new URL(path, `${config.url}/`).href;
}

/**
 * The social image of pages that have no photo of their own (home, sections, tags): site.json
 * `defaultImage`, or the logo when it is not set.
 */
function getSiteImage(config: SiteConfig): { image: NonNullable<PageMeta["image"]>; twitterCard: PageMeta["twitterCard"] } {
  const url = toAbsoluteUrl(config, config.defaultImage ?? config.logo);
  return {
    image: { url, width: null, height: null, alt: config.name },
    twitterCard: config.defaultImage ? "summary_large_image" : "summary",
  };
}

/** Head metadata for a listing or other non-article page. */
export function describePage(config: SiteConfig, path: string, title: string | null, description?: string): PageMeta {
  return {
    title: title ? `${title} – ${config.name}` : config.name,
    description: description || config.description,
    canonical: toAbsoluteUrl(config, path),
    ogType: "website",
    ...getSiteImage(config),
    jsonLd: null,
    article: null,
  };
}

/** An article's `<title>`: `headline - site`, or the headline alone when that would pass 70 characters. */
export function composeArticleTitle(headline: string, siteName: string): string {
  const full = `${headline} - ${siteName}`;
  return [...full].length > MAX_TITLE_LENGTH ? headline : full;
}

/** Head metadata for an article, with Open Graph image and NewsArticle JSON-LD. */
export function describeArticle(article: Article, config: SiteConfig, lang: string): PageMeta {
  const canonical = toAbsoluteUrl(config, article.url);
  const largest = article.image ? getLargestVariant(article.image.set) : null;
  const image =
    article.image && largest
      ? { url: toAbsoluteUrl(config, largest.url), width: largest.width, height: largest.height, alt: article.image.alt }
      : null;
  const authors = [{ "@type": "Person", name: article.author }];
  if (article.photoCredit && article.photoCredit !== article.author) {
    authors.push({ "@type": "Person", name: article.photoCredit });
  }
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    ...(article.lead ? { description: article.lead } : {}),
    datePublished: article.dateIso,
    dateModified: article.updated?.iso ?? article.dateIso,
    author: authors,
    ...(image ? { image: [image.url] } : {}),
    articleSection: article.section.name,
    ...(article.tags.length ? { keywords: article.tags.map((tag) => tag.name).join(", ") } : {}),
    inLanguage: lang,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    publisher: {
      "@type": "Organization",
      name: config.name,
      url: `${config.url}/`,
      logo: { "@type": "ImageObject", url: toAbsoluteUrl(config, config.logo) },
    },
  };
  return {
    title: composeArticleTitle(article.title, config.name),
    description: article.lead ?? config.description,
    canonical,
    ogType: "article",
    ...(image ? { image, twitterCard: "summary_large_image" as const } : getSiteImage(config)),
    jsonLd: serializeJsonForHtml(jsonLd),
    article: {
      publishedIso: article.dateIso,
      modifiedIso: article.updated?.iso ?? null,
      section: article.section.name,
      tags: article.tags.map((tag) => tag.name),
    },
    ...(article.sourceKey ? { sourceKey: `meta ${article.sourceKey}` } : {}),
  };
}

/** Every field of PageMeta but the key (a test compares the lazy and the plain metadata in full). */
const META_FIELDS = ["title", "description", "canonical", "ogType", "image", "twitterCard", "jsonLd", "article"] as const;

/**
 * describeArticle, worked out when a field is first read. Why: with the article's source key,
 * fingerprints print `sourceKey` and read no other field, so a rebuild describes only the pages it
 * renders (16,000 articles: the JSON-LD of each cost a tenth of a rebuild's catalog).
 */
export function describeArticleOnDemand(article: Article, config: SiteConfig, lang: string): PageMeta {
  if (!article.sourceKey) return describeArticle(article, config, lang);
  let meta: PageMeta | undefined;
  const lazy = { sourceKey: `meta ${article.sourceKey}` } as PageMeta;
  for (const field of META_FIELDS) {
    Object.defineProperty(lazy, field, {
      enumerable: true,
      get: () => {
        meta ??= describeArticle(article, config, lang);
        return meta[field];
      },
    });
  }
  return lazy;
}
