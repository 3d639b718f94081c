import type { Config, Context } from "@netlify/functions";
import { createManifestSource } from "../lib/http/comment-manifest.ts";
import { handleCommentRequest, refuseUnfitRequest } from "../lib/comments/intake.ts";
import { BantinError } from "../lib/core/errors.ts";
import { readIntakeSettings } from "../lib/http/intake-settings.ts";
import { openCommentStore } from "../lib/store/index.ts";
import { jsonResponse } from "../lib/http/responses.ts";

const manifest = createManifestSource();

/** POST /api/comments: validates a reader's comment and stores it as pending. */
export default async (request: Request, context: Context) => {
  // A wrong method or type is answered before the set-up, which can fail (405 stays 405).
  const unfit = await refuseUnfitRequest(request, manifest);
  if (unfit) return unfit;
  // The store and settings are read per request: Netlify hands each invocation its Blobs context.
  let store;
  let settings;
  try {
    store = openCommentStore();
    settings = readIntakeSettings();
  } catch (error) {
    if (!(error instanceof BantinError)) throw error;
    console.error(JSON.stringify({ event: "comment.setup_error", message: error.message }));
    return jsonResponse(503, { error: "comments are not available right now", fields: {} }, { "retry-after": "60" });
  }
  return handleCommentRequest(request, context.ip ?? null, { store, manifest, ...settings });
};

export const config: Config = { path: "/api/comments" };
