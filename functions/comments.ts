import type { Config, Context } from "@netlify/functions";
import { BantinError } from "../lib/core/errors.ts";
import { createManifestSource, handleCommentRequest, readCommentDeps, refuseForSetup } from "../lib/http/index.ts";

const manifest = createManifestSource();

/** POST /api/comments: validates a reader's comment and stores it as pending. */
export default async (request: Request, context: Context) => {
  // The store and settings are read per request: Netlify hands each invocation its Blobs context.
  let deps;
  try {
    deps = readCommentDeps(process.env, manifest);
  } catch (error) {
    if (!(error instanceof BantinError)) throw error;
    // A wrong method or type is still answered as such (405 stays 405); anything else gets a 503.
    return refuseForSetup(request, error, manifest);
  }
  return handleCommentRequest(request, context.ip ?? null, deps);
};

export const config: Config = { path: "/api/comments" };
