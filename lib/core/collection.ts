import type { PreparedArticle } from "./article.ts";
import type { ContentProblem } from "./errors.ts";
import type { Locale } from "./locales/index.ts";

/** First path segments the site uses for itself; a section may not take one of them. */
export function getReservedPaths(locale: Locale): string[] {
  return [locale.paths.tag, locale.paths.archive, locale.paths.comments, "img", "assets", "api", "admin", "feed.xml", "sitemap.xml", "robots.txt", "404.html"];
}

/**
 * Checks that articles fit together: slugs unique, one spelling per section URL, no section on a
 * reserved path. Every problem names the files involved.
 */
export function checkCollection(articles: readonly PreparedArticle[], locale: Locale): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const bySlug = new Map<string, PreparedArticle>();
  const sectionNames = new Map<string, { name: string; file: string }>();
  const reserved = new Set(getReservedPaths(locale));
  const listingPage = new RegExp(`^${locale.paths.page}-\\d+$`);
  for (const article of articles) {
    const other = bySlug.get(article.slug);
    if (other) {
      problems.push({
        file: article.file,
        field: "slug",
        message: `"${article.slug}" is already used by ${other.file}; comments and URLs need one article per slug. Write a different slug: ${article.slug}-2`,
      });
    } else bySlug.set(article.slug, article);
    if (listingPage.test(article.slug)) {
      problems.push({ file: article.file, field: "slug", message: `"${article.slug}" is the URL of a listing page (${locale.paths.page}-2, ${locale.paths.page}-3, …); write a slug with words, e.g. slug: ${article.slug}-bai-viet` });
    }
    const { section } = article.data;
    if (reserved.has(article.sectionSlug)) {
      problems.push({ file: article.file, field: "section", message: `"${section}" would live at /${article.sectionSlug}/, which the site uses itself; choose another section name` });
    }
    const known = sectionNames.get(article.sectionSlug);
    if (!known) sectionNames.set(article.sectionSlug, { name: section, file: article.file });
    else if (known.name !== section) {
      problems.push({
        file: article.file,
        field: "section",
        message: `"${section}" and "${known.name}" (in ${known.file}) share the URL /${article.sectionSlug}/; write the section exactly as "${known.name}"`,
      });
    }
  }
  return problems;
}

/** Whether an article may be published now: never a draft; not before its date unless previewing. */
export function isPublishable(article: PreparedArticle, now: Date, preview: boolean): boolean {
  if (article.data.draft) return false;
  return preview || article.data.date.getTime() <= now.getTime();
}
