import type { PublishedComment } from "./catalog.ts";
import type { CommentRecord } from "./comment-record.ts";
import type { Locale } from "./locales/index.ts";

/** A top-level comment as the article page prints it, with its published replies (oldest first). */
export interface CommentThread extends PublishedComment {
  replies: PublishedComment[];
}

/** An article's published conversation: the threads, every comment shown, and how many that is. */
export interface ArrangedComments {
  threads: CommentThread[];
  /** Every comment the page shows (top-level and replies), oldest first: for feeds and counts. */
  shown: PublishedComment[];
}

/**
 * Arranges an article's approved comments (oldest first) into one-level threads. A reply is shown
 * only under a top-level comment that is itself shown; a reply whose parent was rejected or deleted
 * (or that answers a reply) stays in the store but not on the page. A newsroom answer carries
 * `newsroomName` as its name, whatever the record holds.
 */
export function arrangeComments(comments: readonly PublishedComment[], newsroomName: string): ArrangedComments {
  const named = (comment: PublishedComment) => (comment.newsroom ? { ...comment, name: newsroomName } : comment);
  const threads = new Map<string, CommentThread>();
  for (const comment of comments) {
    if (comment.replyTo === null) threads.set(comment.id, { ...named(comment), replies: [] });
  }
  for (const comment of comments) {
    if (comment.replyTo !== null) threads.get(comment.replyTo)?.replies.push(named(comment));
  }
  const list = [...threads.values()];
  const byId = (a: PublishedComment, b: PublishedComment) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const thread of list) thread.replies.sort(byId);
  const shown = list.flatMap(({ replies, ...comment }) => [comment, ...replies]).sort(byId);
  return { threads: list.sort(byId), shown };
}

/** The parent a reply names, as intake reads it from the store (null: no such comment). */
export type ReplyParent = Pick<CommentRecord, "slug" | "status" | "replyTo" | "author"> | null;

/**
 * Why a reply on article `slug` cannot answer `parent`, in the site's language, or null when it
 * can: the parent must exist, be published, be on the same article and not be a reply itself
 * (nor a newsroom answer).
 */
export function checkReplyParent(parent: ReplyParent, slug: string, locale: Locale): string | null {
  const messages = locale.conversation.errors;
  if (!parent) return messages.unknownParent;
  if (parent.slug !== slug) return messages.otherArticle;
  // A newsroom answer counts as a reply: readers answer the comment it answers.
  if (parent.replyTo || parent.author === "newsroom") return messages.nested;
  if (parent.status !== "approved") return messages.notPublished;
  return null;
}
