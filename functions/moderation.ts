import type { Config, Context } from "@netlify/functions";
import { handleModerationRequest, readModerationTokens } from "../lib/moderation-api.ts";
import { openCommentStore } from "../lib/open-comment-store.ts";
import { readCommentSalt } from "../lib/secrets.ts";

const store = openCommentStore();

/** The editors' API behind /admin/: list, approve, reject and delete comments. */
export default async (request: Request, context: Context) =>
  handleModerationRequest(request, context.ip ?? null, { store, tokens: readModerationTokens(), salt: readCommentSalt });

export const config: Config = { path: "/api/moderation/*" };
