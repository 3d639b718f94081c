import { formatDatePattern } from "./dates.ts";
import { fillPattern, type Locale } from "./locales/index.ts";

/** What a digest tells editors: counts and a time, never a reader's name, email or text. */
export interface DigestSummary {
  waiting: number;
  /** When the oldest waiting comment was sent. */
  oldest: Date;
  flagged: number;
}

/** The site as a digest names it. */
export interface DigestSite {
  name: string;
  url: string;
  timeZone: string;
}

/**
 * The webhook body for a digest: the same message as `text` (Slack, Google Chat, Mattermost) and
 * `content` (Discord), in the site's language, with the oldest time in the site's zone (the
 * pages' date format) and a link to the moderation desk.
 */
export function composeDigest(summary: DigestSummary, site: DigestSite, locale: Locale): { text: string; content: string } {
  const messages = locale.conversation.digest;
  const lines = [
    fillPattern(messages.waiting, { site: site.name, count: summary.waiting }),
    fillPattern(messages.oldest, { date: formatDatePattern(summary.oldest, site.timeZone, locale.dates.dateLine, locale.dates) }),
  ];
  if (summary.flagged > 0) lines.push(fillPattern(messages.flagged, { count: summary.flagged }));
  lines.push(fillPattern(messages.open, { url: new URL("/admin/", site.url).href }));
  const text = lines.join("\n");
  return { text, content: text };
}
