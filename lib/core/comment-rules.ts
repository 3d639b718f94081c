import { COMMENT_LIMITS } from "./comment-limits.ts";
import { countLinks } from "./count-links.ts";
import { isSortableId } from "./ids.ts";
import { fillPattern, type Locale } from "./locales/index.ts";

/** The fields a reader submits, after cleaning. */
export interface CommentFields {
  slug: string;
  name: string;
  email: string;
  content: string;
  /** The id of the comment this one replies to; absent for a top-level comment. */
  replyTo?: string;
}

/** An article as the comment manifest describes it. */
export interface CommentTarget {
  url: string;
  open: boolean;
}

export type CommentField = keyof CommentFields | "form";

/** What a submission turned out to be. */
export type SubmissionCheck =
  | { kind: "valid"; fields: CommentFields; target: CommentTarget }
  | { kind: "spam"; reason: "honeypot" }
  | { kind: "invalid"; errors: Partial<Record<CommentField, string>>; fields: Partial<CommentFields>; target: CommentTarget | null };

/** Name of the honeypot field: hidden from people, filled in by naive bots. */
export const HONEYPOT_FIELD = "website";
const ACCEPTED_FIELDS = new Set(["slug", "name", "email", "content", "replyTo", HONEYPOT_FIELD]);

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// Embeddings, overrides and isolates reorder the text around them; the marks (LRM, RLM) only
// steer neutral characters, and mixed-script text needs them.
const BIDI_REORDERING = /[\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH = /[\u200B\u200C\u2060\uFEFF]/g;
// A zero-width joiner is kept only inside an emoji sequence (👩‍💻), where it is part of the emoji.
const LONE_ZWJ = /(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const CONTROLS = /\p{Cc}/gu;
// Besides controls, XML 1.0 forbids lone surrogates and U+FFFE/U+FFFF, and tells documents to
// avoid the other noncharacters: any of them would make the comment feed unreadable.
const XML_UNSAFE = /\p{Cs}|\p{Noncharacter_Code_Point}/gu;
const FORMAT = /\p{Cf}/gu;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/u;

/** Counts Unicode code points, not UTF-16 units: an emoji is one character to a reader. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * A name as it is stored: NFC; control, bidi-override and zero-width characters and the characters
 * XML cannot carry removed; spaces folded.
 */
export function cleanName(raw: string): string {
  // NFC last: removing a zero-width character can bring a base letter and its mark together.
  return raw
    .replace(XML_UNSAFE, "")
    .replace(CONTROLS, " ")
    .replace(BIDI_CONTROLS, "")
    .replace(ZERO_WIDTH, "")
    .replace(LONE_ZWJ, "")
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
}

/**
 * Comment text as it is stored: NFC, line breaks as \n, trimmed, without control characters other
 * than line breaks and tabs (they can drive an editor's terminal), without lone surrogates and
 * noncharacters (with the controls, what XML 1.0 forbids: the comment feed must stay valid), and
 * without bidi embeddings, overrides and isolates (they reorder what readers and editors see).
 * Otherwise exactly as written.
 */
export function cleanContent(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/[^\P{Cc}\n\t]/gu, "")
    .replace(XML_UNSAFE, "")
    .replace(BIDI_REORDERING, "")
    .trim()
    .normalize("NFC");
}

/** An email as it is stored: NFC and trimmed, without controls and the characters XML cannot carry. */
export function cleanEmail(raw: string): string {
  return raw
    .replace(/[^\P{Cc}\t\n\r]/gu, "")
    .replace(XML_UNSAFE, "")
    .normalize("NFC")
    .trim();
}

function foldForComparison(text: string): string {
  return text.replace(FORMAT, "").normalize("NFKC").toLocaleLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The text two submissions must share to count as the same comment (same article and email too):
 * folded as a reader would see it, so invisible format characters (zero-width, bidi, soft hyphen),
 * compatibility forms (fullwidth letters), case and spacing do not make a new comment.
 */
export function getDuplicateKey(fields: CommentFields): string {
  return `${fields.slug}\n${foldForComparison(fields.email)}\n${foldForComparison(fields.content)}`;
}

/**
 * Checks a submission against the rules the form hints at: accepted fields only, the honeypot
 * empty, lengths in code points, a plausible email, at most two links, and an article that exists
 * and takes comments. Messages come from the site's locale.
 */
export function checkSubmission(
  raw: Readonly<Record<string, string>>,
  findTarget: (slug: string) => CommentTarget | null,
  locale: Locale,
): SubmissionCheck {
  const messages = locale.comments.errors;
  const unknown = Object.keys(raw).filter((key) => !ACCEPTED_FIELDS.has(key));
  const errors: Partial<Record<CommentField, string>> = {};
  if (unknown.length > 0) errors.form = fillPattern(messages.unknownField, { fields: unknown.slice(0, 5).join(", ") });
  else if (raw[HONEYPOT_FIELD] === undefined || raw[HONEYPOT_FIELD] !== "") return { kind: "spam", reason: "honeypot" };

  const fields: CommentFields = {
    slug: (raw.slug ?? "").trim(),
    name: cleanName(raw.name ?? ""),
    email: cleanEmail(raw.email ?? ""),
    content: cleanContent(raw.content ?? ""),
  };
  // An empty replyTo is a top-level comment; one that cannot be an id names no comment at all.
  const replyTo = (raw.replyTo ?? "").trim();
  if (replyTo && isSortableId(replyTo)) fields.replyTo = replyTo;
  else if (replyTo) errors.form ??= locale.conversation.errors.unknownParent;
  const { name, email, content } = COMMENT_LIMITS;
  const target = fields.slug ? findTarget(fields.slug) : null;
  if (!target) errors.slug = messages.unknownArticle;
  else if (!target.open) errors.slug = messages.closed;

  const nameLength = countCodePoints(fields.name);
  if (nameLength === 0) errors.name = messages.required;
  else if (nameLength < name.min || nameLength > name.max) errors.name = fillPattern(messages.nameLength, name);

  if (!fields.email) errors.email = messages.required;
  else if (countCodePoints(fields.email) > email.max || !EMAIL.test(fields.email)) {
    errors.email = fillPattern(messages.emailInvalid, email);
  }

  const contentLength = countCodePoints(fields.content);
  if (contentLength === 0) errors.content = messages.required;
  else if (contentLength < content.min || contentLength > content.max) errors.content = fillPattern(messages.contentLength, content);
  else if (countLinks(fields.content) > COMMENT_LIMITS.maxLinks) {
    errors.content = fillPattern(messages.tooManyLinks, { max: COMMENT_LIMITS.maxLinks });
  }

  if (Object.keys(errors).length > 0) return { kind: "invalid", errors, fields, target };
  return { kind: "valid", fields, target: target! };
}
