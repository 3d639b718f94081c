import type { CommentManifest } from "../core/catalog.ts";
import type { CommentRecord, CommentStatus } from "../core/comment-record.ts";
import { ConfigError } from "../core/errors.ts";
import { getLocale, LOCALES, type LanguageCode, type Locale } from "../core/locales/index.ts";
import { countDeskTabs, DESK_TABS, type DeskItem, type DeskTab, describeDeskItem, getDeskTab } from "../core/moderation-desk.ts";
import type { CommentStore, DamagedRecord } from "../store/index.ts";
import type { ManifestSource } from "./comment-manifest.ts";

/** What the desk knows of the site: from the build's comment manifest, with site.json's defaults when it cannot be read. */
export interface DeskSite {
  manifest: CommentManifest | null;
  timeZone: string;
  locale: Locale;
  newsroomName: string;
}

// The defaults of lib/core/site-config.ts, for a site whose manifest is missing or older.
const DEFAULT_SITE = { timeZone: "Asia/Ho_Chi_Minh", language: "vi" as LanguageCode, newsroomName: "Ban biên tập" };

/** The site as the build's manifest describes it; site.json's defaults when there is no manifest to read. */
export async function readDeskSite(source: ManifestSource | undefined, requestUrl: string): Promise<DeskSite> {
  let manifest: CommentManifest | null = null;
  if (source) {
    try {
      manifest = await source(requestUrl);
    } catch (error) {
      // No build yet: the desk still works, naming articles by slug.
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  const language = manifest && Object.hasOwn(LOCALES, manifest.language) ? (manifest.language as LanguageCode) : DEFAULT_SITE.language;
  return {
    manifest,
    timeZone: manifest?.timeZone ?? DEFAULT_SITE.timeZone,
    locale: getLocale(language),
    newsroomName: manifest?.newsroomName ?? DEFAULT_SITE.newsroomName,
  };
}

/**
 * One page of the desk: the items of a tab (or a status), the count of every tab, the name the
 * newsroom's answers carry, and damaged records skipped.
 */
export interface DeskListing {
  comments: DeskItem[];
  newsroomName: string;
  counts: Record<DeskTab, number>;
  damaged: DamagedRecord[];
}

/** Whether a string is one of the desk's tabs. */
export const isDeskTab = (value: string): value is DeskTab => (DESK_TABS as readonly string[]).includes(value);

// The queue oldest first (first come, first decided); decided comments latest decision first.
function order(a: CommentRecord, b: CommentRecord): number {
  if (a.status === "pending" && b.status === "pending") return a.createdAt.localeCompare(b.createdAt);
  return (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt);
}

/**
 * Lists comments for the desk: those of one tab or one status (all when neither is given), of one
 * article when `article` is given, with the counts of every tab over the same article scope.
 */
export async function listDesk(
  store: CommentStore,
  site: DeskSite,
  filter: { tab?: DeskTab; status?: CommentStatus; article?: string },
): Promise<DeskListing> {
  const scan = await store.scan(filter.article);
  const byId = new Map(scan.records.map((record) => [record.id, record]));
  const chosen = scan.records
    .filter((record) => (!filter.tab || getDeskTab(record) === filter.tab) && (!filter.status || record.status === filter.status))
    .sort(order);
  const comments = chosen.map((record) => describeDeskItem(record, record.replyTo ? (byId.get(record.replyTo) ?? null) : null, site));
  return { comments, counts: countDeskTabs(scan.records), newsroomName: site.newsroomName, damaged: scan.damaged };
}
