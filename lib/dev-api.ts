import type { IncomingMessage, ServerResponse } from "node:http";
import { createManifestSource } from "./comment-manifest.ts";
import { handleCommentRequest } from "./comment-intake.ts";
import { sendWebResponse, toWebRequest } from "./node-http.ts";
import { openCommentStore, readStoreChoice } from "./open-comment-store.ts";
import { readCommentSalt } from "./secrets.ts";

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
  log(`[bantin] comments: POST /api/comments → ${choice.kind === "file" ? `local store ${choice.dir}` : `Netlify Blobs store ${choice.name}`}`);
  return async (req, res, next) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/api/comments") return next();
    try {
      // The output folder is known only once Eleventy has read its options, so ask at first use.
      manifest ??= createManifestSource({ ...process.env, BANTIN_SITE_DIR: getSiteDir() });
      const response = await handleCommentRequest(toWebRequest(req), req.socket.remoteAddress ?? null, { store, manifest, salt: readCommentSalt });
      await sendWebResponse(res, response);
    } catch (error) {
      log(`[bantin] /api/comments failed: ${(error as Error).message}`);
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal error");
    }
  };
}
