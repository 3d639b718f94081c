import { z } from "zod";
import type { PublishedComment } from "./catalog.ts";
import { formatDatePattern, formatIsoInZone } from "./dates.ts";
import { isSortableId } from "./ids.ts";
import type { Locale } from "./locales/index.ts";
import { isSlug } from "./slugs.ts";
import { normalizeText } from "./text.ts";

/** Where a comment stands in moderation. */
export type CommentStatus = "pending" | "approved" | "rejected";

export const COMMENT_STATUSES: readonly CommentStatus[] = ["pending", "approved", "rejected"];

/**
 * One stored comment. The email is for editors only: it never reaches a page, feed or log. The
 * client is known only by a salted hash of its IP address.
 */
export interface CommentRecord {
  id: string;
  slug: string;
  name: string;
  email: string;
  content: string;
  status: CommentStatus;
  /** ISO 8601 UTC. */
  createdAt: string;
  clientHash: string | null;
  /** When and by whom the last moderation decision was made. */
  decidedAt: string | null;
  decidedBy: string | null;
  /** The id of the published top-level comment this one answers (one level only); absent on a top-level comment. */
  replyTo?: string;
  /** "newsroom" on an answer written by the editors (shown with the newsroom's name); absent for a reader. */
  author?: "newsroom";
  /** Words of content/moderation.json found in the name or text (as listed there); absent when none. */
  flags?: string[];
  /** The reader's own name and text, kept the first time an editor edits them; absent while unedited. */
  original?: { name: string; content: string };
  /** When and by whom the text was last edited; absent while unedited. */
  editedAt?: string;
  editedBy?: string;
}

/**
 * A record with a moderation decision applied (pure: returns a new record). Back to `pending` (an
 * editor's undo) clears the decision.
 */
export function decideComment(record: CommentRecord, status: CommentStatus, now: Date, by: string | null): CommentRecord {
  if (status === "pending") return { ...record, status, decidedAt: null, decidedBy: null };
  return { ...record, status, decidedAt: now.toISOString(), decidedBy: by };
}

const isoInstant = z.iso.datetime({ offset: true });

/** Schema of a stored comment: what `import` accepts. */
export const commentRecordSchema = z.strictObject({
  id: z.string().refine(isSortableId, { message: "is not a bantin comment id (26 characters, 0-9 and A-Z)" }),
  slug: z.string().refine(isSlug, { message: "is not an article slug" }),
  name: z.string().min(1),
  email: z.string().min(3),
  content: z.string().min(1),
  status: z.enum(COMMENT_STATUSES as [CommentStatus, ...CommentStatus[]]),
  createdAt: isoInstant,
  clientHash: z.string().nullable(),
  decidedAt: isoInstant.nullable(),
  decidedBy: z.string().nullable(),
  replyTo: z.string().refine(isSortableId, { message: "is not a bantin comment id" }).optional(),
  author: z.literal("newsroom").optional(),
  flags: z.array(z.string()).optional(),
  original: z.strictObject({ name: z.string(), content: z.string() }).optional(),
  editedAt: isoInstant.optional(),
  editedBy: z.string().optional(),
});

/** A stored value read back under `key`: the record, or why it cannot stand for a comment. */
export type StoredRecordCheck = { ok: true; record: CommentRecord } | { ok: false; reason: string };

/**
 * Checks a parsed value stored under `key` (pure): it must match commentRecordSchema, and its slug
 * and id must be the ones the key names (`keyOf` builds a comment's key; the store owns key
 * names), so a copied or renamed file cannot pose as another comment.
 */
export function checkStoredRecord(key: string, value: unknown, keyOf: (slug: string, id: string) => string): StoredRecordCheck {
  const parsed = commentRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
    return { ok: false, reason: `wrong shape: ${issue.path.join(".") || "(record)"}: ${issue.message}${more}` };
  }
  const expected = keyOf(parsed.data.slug, parsed.data.id);
  if (key !== expected) return { ok: false, reason: `the record inside belongs under "${expected}"` };
  return { ok: true, record: parsed.data };
}

/** An approved comment as an article page shows it: no email, text split into paragraphs and lines. */
export function toPublishedComment(
  record: Pick<CommentRecord, "id" | "name" | "content" | "createdAt" | "replyTo" | "author">,
  timeZone: string,
  locale: Locale,
): PublishedComment {
  const created = new Date(record.createdAt);
  return {
    id: record.id,
    // Cleaned again here: a record stored before intake removed these characters must not make
    // the page or the comment feed invalid.
    name: normalizeText(record.name),
    dateIso: formatIsoInZone(created, timeZone),
    dateLine: formatDatePattern(created, timeZone, locale.dates.dateLine, locale.dates),
    paragraphs: normalizeText(record.content)
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.split("\n")),
    replyTo: record.replyTo ?? null,
    newsroom: record.author === "newsroom",
  };
}
