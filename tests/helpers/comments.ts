import { randomBytes } from "node:crypto";
import type { CommentRecord, CommentStatus } from "../../lib/core/comment-record.ts";
import { getDuplicateKey } from "../../lib/core/comment-rules.ts";
import { createSortableId } from "../../lib/core/ids.ts";
import type { CommentStore } from "../../lib/store/index.ts";

/** Stores a comment as the intake would, then gives it a status directly (test set-up only). */
export async function seedComment(
  store: CommentStore,
  fields: { slug: string; name: string; content: string; email?: string; status?: CommentStatus; at?: Date },
): Promise<CommentRecord> {
  const at = fields.at ?? new Date();
  const record: CommentRecord = {
    id: createSortableId(at, randomBytes(10)),
    slug: fields.slug,
    name: fields.name,
    email: fields.email ?? `${randomBytes(4).toString("hex")}@example.com`,
    content: fields.content,
    status: fields.status ?? "pending",
    createdAt: at.toISOString(),
    clientHash: null,
    decidedAt: null,
    decidedBy: null,
  };
  await store.submit(record, getDuplicateKey(record));
  return record;
}
