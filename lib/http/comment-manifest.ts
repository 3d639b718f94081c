import fs from "node:fs/promises";
import path from "node:path";
import type { CommentManifest } from "../core/catalog.ts";
import { ConfigError } from "../core/errors.ts";
import { readRuntime } from "../runtime.ts";

/** Where the comment function finds the manifest the build wrote. */
export type ManifestSource = (requestUrl: string) => Promise<CommentManifest>;

const CACHE_MS = 60_000;

/**
 * The manifest from the built site: read from `BANTIN_SITE_DIR/comment-manifest.json` when that is
 * set (a developer's machine, tests) or from the local build output (`_site`) under `netlify dev`,
 * else fetched from the site itself next to the function (Netlify, where the function is deployed
 * with the pages it belongs to). Kept for a minute.
 */
export function createManifestSource(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): ManifestSource {
  let cached: { at: number; manifest: CommentManifest } | null = null;
  return async (requestUrl) => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.manifest;
    const siteDir = env.BANTIN_SITE_DIR || (readRuntime(env) === "netlify-dev" ? "_site" : null);
    let text: string;
    try {
      if (siteDir) {
        text = await fs.readFile(path.resolve(root, siteDir, "comment-manifest.json"), "utf8");
      } else {
        const response = await fetch(new URL("/comment-manifest.json", requestUrl));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text = await response.text();
      }
    } catch (error) {
      throw new ConfigError(`the comment manifest could not be read (${(error as Error).message}); build the site first`, { cause: error });
    }
    const manifest = JSON.parse(text) as CommentManifest;
    cached = { at: Date.now(), manifest };
    return manifest;
  };
}
