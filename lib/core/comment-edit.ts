import { COMMENT_LIMITS } from "./comment-limits.ts";
import type { CommentRecord } from "./comment-record.ts";
import { cleanContent, cleanName, countCodePoints, getDuplicateKey } from "./comment-rules.ts";
import { countLinks } from "./count-links.ts";

/**
 * The email every newsroom answer carries: a reserved `.invalid` address, so an answer never holds
 * an editor's own email and can never be mistaken for a reader's.
 */
export const NEWSROOM_EMAIL = "newsroom@bantin.invalid";

/**
 * The duplicate key a stored record claimed when it was stored (pure): from the text as first
 * stored (`original` once edited, so an erase still finds its marker), and for a newsroom answer
 * also from the comment it answers, so the same words may answer two readers of one article.
 */
export function getRecordDuplicateKey(record: CommentRecord): string {
  const content = record.original?.content ?? record.content;
  const answered = record.author === "newsroom" && record.replyTo ? `${record.replyTo}\n` : "";
  return getDuplicateKey({ ...record, content: `${answered}${content}` });
}

/** Text an editor wrote, cleaned; or what is wrong with it, field by field, in one sentence each. */
export type EditorTextCheck<T> = { ok: true; fields: T } | { ok: false; problems: string[] };

function checkName(name: string): string | null {
  const { min, max } = COMMENT_LIMITS.name;
  const length = countCodePoints(name);
  return length < min || length > max ? `the name has ${length} characters after cleaning; it must have ${min} to ${max}` : null;
}

function checkContent(content: string, what: string): string | null {
  const { min, max } = COMMENT_LIMITS.content;
  const length = countCodePoints(content);
  if (length < min || length > max) return `${what} has ${length} characters after cleaning; it must have ${min} to ${max}`;
  const links = countLinks(content);
  if (links > COMMENT_LIMITS.maxLinks) return `${what} has ${links} links; at most ${COMMENT_LIMITS.maxLinks} are allowed`;
  return null;
}

/**
 * Cleans and checks an editor's new name and/or text with the intake's cleaning and length rules
 * (lib/core/comment-rules.ts, COMMENT_LIMITS). At least one of the two must be given.
 */
export function checkEditedText(input: { name?: string; content?: string }): EditorTextCheck<{ name?: string; content?: string }> {
  if (input.name === undefined && input.content === undefined) return { ok: false, problems: ["give a new text, a new name or both"] };
  const fields: { name?: string; content?: string } = {};
  const problems: string[] = [];
  if (input.name !== undefined) {
    fields.name = cleanName(input.name);
    const problem = checkName(fields.name);
    if (problem) problems.push(problem);
  }
  if (input.content !== undefined) {
    fields.content = cleanContent(input.content);
    const problem = checkContent(fields.content, "the text");
    if (problem) problems.push(problem);
  }
  return problems.length ? { ok: false, problems } : { ok: true, fields };
}

/**
 * The record with an editor's new name and/or text (pure). The reader's own name and text are kept
 * in `original` at the first edit and never replaced by later ones; `editedAt`/`editedBy` name the
 * last edit. The status is unchanged: an edit is not a decision.
 */
export function applyEdit(record: CommentRecord, fields: { name?: string; content?: string }, by: string, now: Date): CommentRecord {
  return {
    ...record,
    name: fields.name ?? record.name,
    content: fields.content ?? record.content,
    original: record.original ?? { name: record.name, content: record.content },
    editedAt: now.toISOString(),
    editedBy: by,
  };
}

/** Why a comment cannot take a newsroom answer (it must be a published top-level comment), or null. */
export function refuseAnswerTarget(parent: CommentRecord): string | null {
  if (parent.replyTo)
    return `comment ${parent.id} is itself a reply to ${parent.replyTo}; answer the comment it replies to (replies go one level deep)`;
  if (parent.status !== "approved")
    return `comment ${parent.id} is ${parent.status}, not published; approve it first (\`npm run comments -- approve ${parent.id}\`) or answer a published comment`;
  return null;
}

/**
 * A newsroom answer to `parent` (pure): published at once under the newsroom's name, on the parent's
 * article, with the fixed NEWSROOM_EMAIL and no client. The text is cleaned and checked like a
 * reader's comment.
 */
export function buildNewsroomAnswer(
  parent: CommentRecord,
  text: string,
  answer: { id: string; newsroomName: string; by: string; now: Date },
): EditorTextCheck<CommentRecord> {
  const content = cleanContent(text);
  const problem = checkContent(content, "the answer");
  if (problem) return { ok: false, problems: [problem] };
  const at = answer.now.toISOString();
  return {
    ok: true,
    fields: {
      id: answer.id,
      slug: parent.slug,
      name: answer.newsroomName,
      email: NEWSROOM_EMAIL,
      content,
      status: "approved",
      createdAt: at,
      clientHash: null,
      decidedAt: at,
      decidedBy: answer.by,
      replyTo: parent.id,
      author: "newsroom",
    },
  };
}
