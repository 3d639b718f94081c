import type { CommentManifest } from "./catalog.ts";
import type { CommentRecord } from "./comment-record.ts";
import { formatDatePattern } from "./dates.ts";
import type { Locale } from "./locales/index.ts";

/** The desk's tabs: pending without flags, pending with flags, approved, rejected. */
export type DeskTab = "waiting" | "flagged" | "approved" | "rejected";

export const DESK_TABS: readonly DeskTab[] = ["waiting", "flagged", "approved", "rejected"];

/** The tab a comment belongs in. */
export function getDeskTab(record: Pick<CommentRecord, "status" | "flags">): DeskTab {
  if (record.status === "pending") return record.flags?.length ? "flagged" : "waiting";
  return record.status;
}

/** How many comments each tab holds. */
export function countDeskTabs(records: readonly Pick<CommentRecord, "status" | "flags">[]): Record<DeskTab, number> {
  const counts: Record<DeskTab, number> = { waiting: 0, flagged: 0, approved: 0, rejected: 0 };
  for (const record of records) counts[getDeskTab(record)]++;
  return counts;
}

/** A piece of a text; `mark` when it is one of the word list's matches. */
export interface TextSegment {
  text: string;
  mark: boolean;
}

// Folded as the word list matches: case and diacritics do not count, and đ is d.
const foldChar = (char: string) => char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/đ/g, "d");
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * `text` split so that every whole-word occurrence of a flagged word or phrase is its own marked
 * segment, matching without case or diacritics ("lua dao" marks "Lừa Đảo"). Pure.
 */
export function markFlaggedWords(text: string, flags: readonly string[]): TextSegment[] {
  const chars = [...text];
  // One folded string, with the index of the original character each folded unit came from.
  let folded = "";
  const origin: number[] = [];
  chars.forEach((char, index) => {
    const piece = foldChar(char);
    folded += piece;
    for (let i = 0; i < piece.length; i++) origin.push(index);
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const flag of flags) {
    const needle = [...flag.trim()].map(foldChar).join("");
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (isWordChar(folded[at - 1]) || isWordChar(folded[end])) continue;
      for (let i = origin[at]!; i <= origin[end - 1]!; i++) marked[i] = true;
    }
  }
  const segments: TextSegment[] = [];
  chars.forEach((char, index) => {
    const last = segments.at(-1);
    if (last && last.mark === marked[index]) last.text += char;
    else segments.push({ text: char, mark: marked[index]! });
  });
  return segments;
}

/** One comment as the desk shows it: everything a decision needs, computed here, not in the page. */
export interface DeskItem {
  id: string;
  status: CommentRecord["status"];
  tab: DeskTab;
  article: { slug: string; title: string; url: string | null };
  name: string;
  email: string;
  author: "reader" | "newsroom";
  createdAt: string;
  /** The time in the site's zone, in the pages' format (vi: "Thứ Bảy, 28/11/2026 11:47"). */
  dateLine: string;
  content: string;
  /** The text with the word list's matches marked. */
  segments: TextSegment[];
  flags: string[];
  /** The comment this one replies to, quoted; null for a top-level comment or a parent that is gone. */
  parent: { id: string; name: string; content: string } | null;
  replyTo: string | null;
  /** Whether the sender's client is known (it can be blocked by its hash, not only by email). */
  clientKnown: boolean;
  /** The last edit: when (ISO, and in the site's zone as `dateLine`), by whom, and the reader's original. */
  edited: { at: string; dateLine: string; by: string; original: { name: string; content: string } } | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/**
 * A stored comment as the desk lists it (pure): the article's headline and address from the build's
 * comment manifest (the slug when the article is not in it), the site-zone date line, the marked
 * text and the quoted parent. Never the client hash.
 */
export function describeDeskItem(
  record: CommentRecord,
  parent: CommentRecord | null,
  site: { manifest: CommentManifest | null; timeZone: string; locale: Locale },
): DeskItem {
  const target = site.manifest && Object.hasOwn(site.manifest.articles, record.slug) ? site.manifest.articles[record.slug]! : null;
  const flags = record.flags ?? [];
  const dateLine = (iso: string) => formatDatePattern(new Date(iso), site.timeZone, site.locale.dates.dateLine, site.locale.dates);
  return {
    id: record.id,
    status: record.status,
    tab: getDeskTab(record),
    article: { slug: record.slug, title: target?.title ?? record.slug, url: target?.url ?? null },
    name: record.name,
    email: record.email,
    author: record.author ?? "reader",
    createdAt: record.createdAt,
    dateLine: dateLine(record.createdAt),
    content: record.content,
    segments: markFlaggedWords(record.content, flags),
    flags,
    parent: parent ? { id: parent.id, name: parent.name, content: parent.content } : null,
    replyTo: record.replyTo ?? null,
    clientKnown: record.clientHash !== null,
    edited:
      record.original && record.editedAt
        ? { at: record.editedAt, dateLine: dateLine(record.editedAt), by: record.editedBy ?? "", original: record.original }
        : null,
    decidedAt: record.decidedAt,
    decidedBy: record.decidedBy,
  };
}
