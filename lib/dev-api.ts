import type { IncomingMessage, ServerResponse } from "node:http";
import { createManifestSource } from "./comment-manifest.ts";
import { handleCommentRequest } from "./comment-intake.ts";
import { sendWebResponse, toWebRequest } from "./node-http.ts";
import { openCommentStore, readStoreChoice } from "./open-comment-store.ts";
import { readCommentSalt } from "./secrets.ts";
import { handleModerationRequest, readModerationTokens } from "./moderation-api.ts";
import { readIntakeSettings } from "./intake-settings.ts";

/** The editor token `npm start` accepts when MODERATION_TOKENS is not set: local use only. */
export const LOCAL_EDITOR_TOKEN = "bantin-local-editor";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void> | void;

/**
 * Serves the site's functions inside Eleventy's dev server (`npm start`): `/api/comments` runs the
 * same handler as the Netlify function, on the store the environment picks (the local file store
 * by default), reading the manifest from the folder being served.
 */
export function createDevApiMiddleware(getSiteDir: () => string, log: (line: string) => void = console.log): Middleware {
  const choice = readStoreChoice();
  const store = openCommentStore(choice);
  let manifest: ReturnType<typeof createManifestSource> | null = null;
  const tokens = readModerationTokens();
  const intake = readIntakeSettings();
  if (tokens.size === 0) tokens.set("local editor", LOCAL_EDITOR_TOKEN);
  log(`[bantin] comments: POST /api/comments → ${choice.kind === "file" ? `local store ${choice.dir}` : `Netlify Blobs store ${choice.name}`}`);
  log(`[bantin] moderation: /admin/ (token: ${tokens.has("local editor") ? LOCAL_EDITOR_TOKEN : "from MODERATION_TOKENS"})`);
  return async (req, res, next) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const isModeration = path.startsWith("/api/moderation/");
    if (path !== "/api/comments" && !isModeration) return next();
    try {
      // The output folder is known only once Eleventy has read its options, so ask at first use.
      manifest ??= createManifestSource({ ...process.env, BANTIN_SITE_DIR: getSiteDir() });
      const ip = req.socket.remoteAddress ?? null;
      const response = isModeration
        ? await handleModerationRequest(toWebRequest(req), ip, { store, tokens, salt: readCommentSalt })
        : await handleCommentRequest(toWebRequest(req), ip, { store, manifest, ...intake });
      await sendWebResponse(res, response);
    } catch (error) {
      log(`[bantin] ${path} failed: ${(error as Error).message}`);
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal error");
    }
  };
}
