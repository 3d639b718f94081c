import type { Config, Context } from "@netlify/functions";
import { ConfigError } from "../lib/core/errors.ts";
import { createManifestSource, handleModerationRequest, jsonResponse, readModerationDeps } from "../lib/http/index.ts";
import { createLog } from "../lib/log.ts";

const log = createLog("moderation");
// Kept across requests of one instance: the manifest is cached for a minute.
const manifest = createManifestSource(process.env);

/** The editors' API behind /admin/: list, decide, edit, answer, block and delete comments. */
export default async (request: Request, context: Context) => {
  // The store is opened per request: Netlify hands each invocation its Blobs context.
  let deps;
  try {
    deps = readModerationDeps(process.env, undefined, undefined, manifest);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.event("moderation.setup_error", { message: error.message }, "err");
    // The details (which setting, which editor) go to the function log, not to whoever asked.
    return jsonResponse(503, { error: "moderation is not set up correctly; the site's function log says what to fix" });
  }
  return handleModerationRequest(request, context.ip ?? null, deps);
};

export const config: Config = { path: "/api/moderation/*" };
