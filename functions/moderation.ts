import type { Config, Context } from "@netlify/functions";
import { BantinError } from "../lib/core/errors.ts";
import { handleModerationRequest, readModerationTokens } from "../lib/http/moderation-api.ts";
import { openCommentStore } from "../lib/store/index.ts";
import { jsonResponse } from "../lib/http/responses.ts";
import { readCommentSalt } from "../lib/http/secrets.ts";

/** The editors' API behind /admin/: list, approve, reject and delete comments. */
export default async (request: Request, context: Context) => {
  // The store is opened per request: Netlify hands each invocation its Blobs context.
  let store;
  let tokens;
  try {
    store = openCommentStore();
    tokens = readModerationTokens();
  } catch (error) {
    if (!(error instanceof BantinError)) throw error;
    console.error(JSON.stringify({ event: "moderation.setup_error", message: error.message }));
    // The details (which setting, which editor) go to the function log, not to whoever asked.
    return jsonResponse(503, { error: "moderation is not set up correctly; the site's function log says what to fix" });
  }
  return handleModerationRequest(request, context.ip ?? null, { store, tokens, salt: readCommentSalt });
};

export const config: Config = { path: "/api/moderation/*" };
