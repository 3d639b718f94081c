import type { ArticleSource } from "./article.ts";
import type { ContentProblem } from "./errors.ts";
import { fillPattern, LOCALES, type Locale } from "./locales/index.ts";
import type { SiteConfig } from "./site-config.ts";

/** Whether `value` is text `npm run new` wrote as a placeholder, in any language. */
function findPlaceholder(value: unknown, kind: "author" | "alt"): string | null {
  if (typeof value !== "string") return null;
  const known = Object.values(LOCALES).map((locale) => locale.writers.placeholders[kind]);
  return known.find((text) => value.trim() === text) ?? null;
}

/**
 * Placeholders a skeleton from `npm run new` still holds (author, lead, photo alt, body), each with
 * its line. A draft may hold them; any other article may not, so a skeleton never goes live.
 */
export function checkPlaceholders(
  source: ArticleSource,
  raw: Record<string, unknown>,
  config: SiteConfig,
  locale: Locale,
): ContentProblem[] {
  const { file } = source;
  const lines = source.keyLines ?? {};
  const problems: ContentProblem[] = [];
  const add = (field: string, text: string, line: number | undefined) =>
    problems.push({ file, field, ...(line ? { line } : {}), message: fillPattern(locale.writers.article.placeholder, { text }) });
  const author = findPlaceholder(raw.author, "author");
  if (author) add("author", author, lines.author);
  const lead = `${config.shortName ?? config.name} –`;
  if (typeof raw.lead === "string" && raw.lead.trim() === lead) add("lead", lead, lines.lead);
  const image = raw.image as Record<string, unknown> | undefined;
  const alt = findPlaceholder(image?.alt, "alt");
  if (alt) add("image.alt", alt, lines["image.alt"] ?? lines.image);
  for (const text of Object.values(LOCALES).map((each) => each.writers.placeholders.body)) {
    const at = source.body.indexOf(text);
    if (at >= 0) add("body", text, source.bodyLine + source.body.slice(0, at).split("\n").length - 1);
  }
  return problems;
}
