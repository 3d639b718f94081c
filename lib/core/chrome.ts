/**
 * Pieces of the site's chrome computed from settings: the footer's legal lines and the links
 * between archive months. Pure; templates print what these return.
 */
import type { MonthNav } from "./listing.ts";
import { fillPattern, type Locale } from "./locales/index.ts";
import type { SiteConfig } from "./site-config.ts";

/** One footer line: `label: text`, the text a link when `href` is set (mail, phone). */
export interface FooterLine {
  label: string;
  text: string;
  href: string | null;
}

/** The order Vietnamese news sites print their masthead lines in. */
const FOOTER_FIELDS = ["publisher", "editorInChief", "licence", "address", "phone", "email"] as const;

/** The footer lines of the fields set in site.json `footer`, labelled in the site's language. */
export function listFooterLines(footer: SiteConfig["footer"], locale: Locale): FooterLine[] {
  const lines: FooterLine[] = [];
  for (const field of FOOTER_FIELDS) {
    const text = footer[field];
    if (!text) continue;
    const href = field === "email" ? `mailto:${text}` : field === "phone" ? `tel:${text.replace(/[^\d+]/g, "")}` : null;
    lines.push({ label: locale.front.footer[field], text, href });
  }
  return lines;
}

/**
 * Each archive month's links to the previous (older) and next (newer) month that have articles.
 * `months` is newest first, as the archive lists them; the map is keyed by `key` (`2021-12`).
 */
export function linkArchiveMonths(months: readonly { key: string; title: string; url: string }[], locale: Locale): Map<string, MonthNav> {
  const links = new Map<string, MonthNav>();
  months.forEach((month, index) => {
    const newer = months[index - 1];
    const older = months[index + 1];
    links.set(month.key, {
      older: older ? { url: older.url, label: fillPattern(locale.front.olderMonth, { month: older.title }) } : null,
      newer: newer ? { url: newer.url, label: fillPattern(locale.front.newerMonth, { month: newer.title }) } : null,
    });
  });
  return links;
}
