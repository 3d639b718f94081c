import type { CommentRecord } from "./comment-record.ts";
import { formatDatePattern } from "./dates.ts";

// Control characters from a reader must never reach an editor's terminal as escape sequences.
const printable = (text: string) => text.replace(/[^\P{Cc}\n]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

const clip = (text: string, width: number) => {
  const flat = printable(text).replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= width ? flat : `${chars.slice(0, width - 1).join("")}…`;
};

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - [...text].length));

/**
 * A readable table of comments for a terminal: time (in the site's zone), id, status, article,
 * name and the start of the text. No emails: `show ID` prints those one at a time.
 */
export function formatCommentTable(records: readonly CommentRecord[], timeZone: string): string {
  const rows = records.map((record) => [
    formatDatePattern(new Date(record.createdAt), timeZone, "{dd}/{mm}/{yyyy} {HH}:{MM}", { weekdays: [], months: [] }),
    record.id,
    record.status,
    clip(record.slug, 28),
    clip(record.name, 20),
    clip(record.content, 50),
  ]);
  const header = ["TIME", "ID", "STATUS", "ARTICLE", "NAME", "TEXT"];
  const widths = header.map((title, column) => Math.max([...title].length, ...rows.map((row) => [...row[column]!].length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => pad(cell, widths[column]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const siteTime = (iso: string, timeZone: string) =>
  `${formatDatePattern(new Date(iso), timeZone, "{dd}/{mm}/{yyyy} {HH}:{MM}", { weekdays: [], months: [] })} (${timeZone})`;

/**
 * Every field of one comment, one per line, for `show ID`: whether it is a reply or the
 * newsroom's answer, flags, and for an edited comment who edited it and when (in `timeZone`), then
 * the text as published and the reader's original name and text.
 */
export function formatCommentDetails(record: CommentRecord, timeZone = "UTC"): string {
  const lines = [
    `id:        ${record.id}`,
    `article:   ${record.slug}`,
    `status:    ${record.status}`,
    `created:   ${record.createdAt}`,
    `decided:   ${record.decidedAt ?? "-"}${record.decidedBy ? ` by ${record.decidedBy}` : ""}`,
    `name:      ${printable(record.name)}`,
    `email:     ${printable(record.email)}`,
  ];
  if (record.author === "newsroom") lines.push("author:    the newsroom (an editor's answer)");
  if (record.replyTo) lines.push(`reply to:  ${record.replyTo}`);
  if (record.flags?.length) lines.push(`flags:     ${record.flags.map(printable).join(", ")}`);
  if (record.editedAt) lines.push(`edited:    ${siteTime(record.editedAt, timeZone)} by ${record.editedBy ?? "-"}`);
  lines.push("", printable(record.content));
  if (record.original) {
    lines.push("", `--- the reader's original (name: ${printable(record.original.name)}) ---`, printable(record.original.content));
  }
  return lines.join("\n");
}

/** A damaged record for `show ID`: its key, what is wrong, and its stored text as it is. */
export function formatDamagedDetails(key: string, reason: string, raw: string | null): string {
  return [
    `key:       ${key}`,
    `damaged:   ${reason}`,
    "",
    raw === null ? "(gone meanwhile)" : raw === "" ? "(empty)" : printable(raw),
  ].join("\n");
}
