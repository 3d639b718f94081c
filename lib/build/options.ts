import os from "node:os";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";

/** How this build runs, read once from the environment. */
export interface BuildOptions {
  /** Project root: paths in messages are relative to it. */
  root: string;
  /** Folder holding site.json and articles/ (BANTIN_CONTENT_DIR, default `content`). */
  contentDir: string;
  /** Folder whose `_includes` holds the page templates (BANTIN_LAYOUTS_DIR, default `layouts`). */
  layoutsDir: string;
  /** Folder kept between builds for processed photos (BANTIN_CACHE_DIR, default `.cache/bantin`). */
  cacheDir: string;
  /** The build's clock (BANTIN_NOW, ISO 8601) for embargoes; the real time when unset. */
  now: Date;
  /** Publish embargoed articles too (BANTIN_PREVIEW=1): `npm start` sets it for writers. */
  preview: boolean;
  /** Production (Netlify's CONTEXT=production): the site URL comes from Netlify's URL. */
  production: boolean;
  /** Address Netlify gives the deploy (URL), if any. */
  siteUrl: string | null;
  /** Print photo progress and timings. */
  quiet: boolean;
  /** Write the build marker the scheduled rebuild check reads (production, or BANTIN_RECORD_BUILD=1). */
  recordBuild: boolean;
  /** Comments read from the store at once (BANTIN_COMMENT_CONCURRENCY, default 32). */
  commentConcurrency: number;
  /** Running under `npm start` (Eleventy's serve mode): the search index is updated after the reload, not before. */
  watching: boolean;
  /** Threads for parsing and rendering large sites (BANTIN_THREADS, default one per core). */
  threads: number;
}

/** Reads the build's options from `env`; a bad BANTIN_NOW is an error that says how to write it. */
export function readBuildOptions(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): BuildOptions {
  let now = new Date();
  if (env.BANTIN_NOW) {
    now = new Date(env.BANTIN_NOW);
    if (Number.isNaN(now.getTime())) {
      throw new ConfigError(
        `BANTIN_NOW="${env.BANTIN_NOW}" is not a date; write ISO 8601, e.g. BANTIN_NOW=2021-12-08T16:30:00+07:00, or unset it`,
      );
    }
  }
  const flag = (value: string | undefined) => value === "1" || value === "true";
  return {
    root,
    contentDir: path.resolve(root, env.BANTIN_CONTENT_DIR ?? "content"),
    layoutsDir: path.resolve(root, env.BANTIN_LAYOUTS_DIR ?? "layouts"),
    cacheDir: path.resolve(root, env.BANTIN_CACHE_DIR ?? ".cache/bantin"),
    now,
    preview: flag(env.BANTIN_PREVIEW),
    production: env.CONTEXT === "production",
    siteUrl: env.CONTEXT === "production" && env.URL ? env.URL : null,
    quiet: flag(env.BANTIN_QUIET),
    recordBuild: env.CONTEXT === "production" || flag(env.BANTIN_RECORD_BUILD),
    commentConcurrency: Math.max(1, Number(env.BANTIN_COMMENT_CONCURRENCY) || 32),
    threads: Math.max(1, Number(env.BANTIN_THREADS) || os.availableParallelism()),
    watching: env.ELEVENTY_RUN_MODE === "serve",
  };
}
