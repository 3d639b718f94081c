import type { IncomingMessage, ServerResponse } from "node:http";
import { createManifestSource, type ManifestSource } from "./comment-manifest.ts";
import { handleCommentRequest } from "./comment-intake.ts";
import { ConfigError } from "../core/errors.ts";
import { sendWebResponse, toWebRequest } from "./node-http.ts";
import { openCommentStore, readStoreChoice } from "../store/index.ts";
import { handleModerationRequest, type ModerationTokens } from "./moderation-api.ts";
import { readCommentDeps, readModerationDeps, readModerationTokens } from "./settings.ts";
import { jsonResponse } from "./responses.ts";

/**
 * The editor token `npm start` accepts when MODERATION_TOKENS is not set: only from this machine
 * (a loopback address) and only on the local file store.
 */
export const LOCAL_EDITOR_TOKEN = "bantin-local-editor";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void> | void;

/** Options for tests; by default the process's environment and console. */
export interface DevApiOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** Whether a socket's remote address is this machine (127.0.0.0/8, ::1, or either mapped to IPv6). */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === "::1";
}

/**
 * Whether a request comes from this machine: a loopback socket and, behind a local proxy (`netlify
 * dev` forwards other clients from 127.0.0.1 and names them in X-Forwarded-For), no other client named.
 */
export function isLocalRequest(req: Pick<IncomingMessage, "socket" | "headers">): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  const forwarded = [req.headers["x-forwarded-for"] ?? []].flat().join(",");
  return forwarded
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .every(isLoopbackAddress);
}

interface DevModeration {
  /** Tokens for a client on this machine, and for any other client. */
  local: ModerationTokens;
  remote: ModerationTokens;
  /** Why moderation is off (a bad MODERATION_TOKENS), or null. */
  problem: string | null;
}

function readDevModeration(env: NodeJS.ProcessEnv, fileStore: boolean): DevModeration {
  let configured: Map<string, string>;
  try {
    configured = readModerationTokens(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { local: new Map(), remote: new Map(), problem: error.message };
  }
  if (configured.size > 0 || !fileStore) return { local: configured, remote: configured, problem: null };
  // The well-known token opens only the local store, and only to this machine: anyone else on the
  // network could otherwise read readers' emails and delete comments with a token printed in the README.
  return { local: new Map([["local editor", LOCAL_EDITOR_TOKEN]]), remote: configured, problem: null };
}

/**
 * Serves the site's functions inside Eleventy's dev server (`npm start`): `/api/comments` runs the
 * same handler as the Netlify function, on the store the environment picks (the local file store
 * by default), reading the manifest from the folder being served; `/api/moderation/` answers editors.
 * `/admin/` gets the `X-Robots-Tag: noindex` header netlify.toml gives it on Netlify.
 */
export function createDevApiMiddleware(getSiteDir: () => string, { env = process.env, log = console.log }: DevApiOptions = {}): Middleware {
  const choice = readStoreChoice(env);
  const store = openCommentStore(choice);
  // The output folder is known only once Eleventy has read its options, so ask at first use.
  let siteManifest: ManifestSource | null = null;
  const manifest: ManifestSource = (url) => {
    siteManifest ??= createManifestSource({ ...env, BANTIN_SITE_DIR: getSiteDir() });
    return siteManifest(url);
  };
  const moderation = readDevModeration(env, choice.kind === "file");
  // The same dependencies as the functions', on the store opened once for the server's life.
  const intake = readCommentDeps(env, manifest, store);
  log(
    `[bantin] comments: POST /api/comments → ${choice.kind === "file" ? `local store ${choice.dir}` : `Netlify Blobs store ${choice.name}`}`,
  );
  if (moderation.problem) log(`[bantin] moderation: off, ${moderation.problem}`);
  else if (moderation.local.has("local editor")) log(`[bantin] moderation: /admin/ (token: ${LOCAL_EDITOR_TOKEN}, from this machine only)`);
  else
    log(
      `[bantin] moderation: /admin/ (${moderation.local.size > 0 ? "tokens from MODERATION_TOKENS" : "off: set MODERATION_TOKENS to use it with the Blobs store"})`,
    );
  return async (req, res, next) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    // As netlify.toml does on Netlify: the moderation page is noindex by header too.
    if (path === "/admin" || path.startsWith("/admin/")) res.setHeader("x-robots-tag", "noindex");
    const isModeration = path.startsWith("/api/moderation/");
    if (path !== "/api/comments" && !isModeration) return next();
    try {
      const ip = req.socket.remoteAddress ?? null;
      const request = toWebRequest(req);
      let response: Response;
      if (isModeration) {
        const tokens = isLocalRequest(req) ? moderation.local : moderation.remote;
        response = moderation.problem
          ? jsonResponse(503, { error: `moderation is off: ${moderation.problem}` })
          : await handleModerationRequest(request, ip, readModerationDeps(env, store, tokens, manifest));
      } else {
        response = await handleCommentRequest(request, ip, intake);
      }
      await sendWebResponse(res, response);
      // A body the handler never read (a refused type, a wrong method) is drained and dropped.
      if (request.body && !request.bodyUsed) await request.body.cancel().catch(() => undefined);
    } catch (error) {
      log(`[bantin] ${path} failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal error");
    }
  };
}
