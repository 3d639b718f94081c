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
}

/** The store key of a comment: time-sortable within its article. */
export function getCommentKey(slug: string, id: string): string {
  return `comments/${slug}/${id}`;
}

/** A record with a moderation decision applied (pure: returns a new record). */
export function decideComment(record: CommentRecord, status: CommentStatus, now: Date, by: string | null): CommentRecord {
  return { ...record, status, decidedAt: now.toISOString(), decidedBy: by };
}
