import type { CollectionEntry, PreparedArticle } from "./article.ts";
import type { ContentProblem } from "./errors.ts";
import { fillPattern, type Locale } from "./locales/index.ts";
import { getTakenSegments } from "./routes.ts";

/**
 * Checks that articles fit together: slugs unique, one spelling per section URL, no section on a
 * path the route table (lib/core/routes.ts) gives another page. Takes every readable entry, not only valid articles, so these problems are listed
 * in the same run as all others. Every problem names the files involved and the key's line.
 */
export function checkCollection(entries: readonly CollectionEntry[], locale: Locale): ContentProblem[] {
  const messages = locale.writers.collection;
  const problems: ContentProblem[] = [];
  const bySlug = new Map<string, CollectionEntry>();
  const sectionNames = new Map<string, { name: string; file: string }>();
  const reserved = getTakenSegments(locale);
  const listingPage = new RegExp(`^${locale.paths.page}-\\d+$`);
  const page = locale.paths.page;
  for (const entry of entries) {
    const { file, slug } = entry;
    const at = (key: "slug" | "section") => (entry.lines?.[key] ? { line: entry.lines[key] } : {});
    const other = bySlug.get(slug);
    if (other) problems.push({ file, field: "slug", ...at("slug"), message: fillPattern(messages.slugTaken, { slug, other: other.file }) });
    else bySlug.set(slug, entry);
    if (listingPage.test(slug))
      problems.push({ file, field: "slug", ...at("slug"), message: fillPattern(messages.slugListing, { slug, page }) });
    const { section } = entry.data;
    const path = entry.sectionSlug;
    if (reserved.has(path))
      problems.push({ file, field: "section", ...at("section"), message: fillPattern(messages.sectionReserved, { section, path }) });
    const known = sectionNames.get(path);
    if (!known) sectionNames.set(path, { name: section, file });
    else if (known.name !== section) {
      problems.push({
        file,
        field: "section",
        ...at("section"),
        message: fillPattern(messages.sectionSpelling, { section, known: known.name, other: known.file, path }),
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
