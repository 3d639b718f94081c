import type { Config, Context } from "@netlify/functions";
import { BantinError } from "../lib/core/errors.ts";
import { handleModerationRequest, readModerationTokens } from "../lib/moderation-api.ts";
import { openCommentStore } from "../lib/open-comment-store.ts";
import { jsonResponse } from "../lib/responses.ts";
import { readCommentSalt } from "../lib/secrets.ts";

/** The editors' API behind /admin/: list, approve, reject and delete comments. */
export default async (request: Request, context: Context) => {
  // The store is opened per request: Netlify hands each invocation its Blobs context.
  let store;
  try {
    store = openCommentStore();
  } catch (error) {
    if (!(error instanceof BantinError)) throw error;
    console.error(JSON.stringify({ event: "moderation.setup_error", message: error.message }));
    return jsonResponse(503, { error: error.message });
  }
  return handleModerationRequest(request, context.ip ?? null, { store, tokens: readModerationTokens(), salt: readCommentSalt });
};

export const config: Config = { path: "/api/moderation/*" };
