import fs from "node:fs";
import path from "node:path";
import { toOutputFile, type Route, type SharedData } from "../core/routes.ts";
import { fingerprintRoutes, hashTemplates } from "./page-fingerprints.ts";
import { readOutputManifest, type OutputManifest } from "./prune-output.ts";

/** Which routes a build renders, and what it will remember of the output folder afterwards. */
export interface RenderPlan {
  /** Routes whose fingerprint changed, or whose file is missing. */
  render: Route[];
  /** Routes left as they are: neither rendered nor written. */
  unchanged: number;
  /** Why every route is rendered (no cache, output folder changed, templates changed, …), or `null`. */
  fullReason: string | null;
  /** The files the last build of this folder wrote (for pruning). */
  previous: string[];
  /** The manifest to write once every route in `render` is written. */
  next: OutputManifest;
  /** `next`, with the routes about to be rendered not yet vouched for: written before rendering. */
  during: OutputManifest;
  /**
   * The template hash when the fingerprints are left to the renderer (a full render known before
   * any page was hashed): `next.pages` is then filled from what the render pass returns.
   */
  fingerprintWhileRendering: string | null;
}

/**
 * Compares this build's page fingerprints with the manifest of the last build into `siteDir`.
 * A route is rendered when its fingerprint differs or its file is gone; everything is rendered when
 * the manifest is missing, damaged, of another folder, or the templates or filters changed (a
 * change that cannot be attributed to pages invalidates all of them).
 */
export async function planRender(
  routes: readonly Route[],
  shared: SharedData,
  layoutsDir: string,
  cacheDir: string,
  siteDir: string,
): Promise<RenderPlan> {
  const templates = hashTemplates(layoutsDir);
  const { manifest, problem } = await readOutputManifest(cacheDir, siteDir);
  let fullReason: string | null = problem;
  if (!fullReason && manifest.templates !== templates) fullReason = "templates changed";
  const outDir = path.resolve(siteDir);
  // Why a check per page rather than one listing of the folder: pages sit one per folder, and the
  // listing also walks the search index; at 16,000 articles it took 0.7 s, the checks 0.13 s.
  const onDisk = (file: string) => fs.existsSync(`${outDir}/${file}`);
  // None of the last build's pages is there (the folder was emptied, or not kept between CI builds):
  // known before hashing a page, so the renderer's threads can do the hashing.
  const listed = Object.keys(manifest.pages);
  if (!fullReason && listed.length > 0 && !listed.some(onDisk)) fullReason = "output folder empty";
  if (fullReason && routes.length > 0) {
    return {
      render: [...routes],
      unchanged: 0,
      fullReason,
      previous: Object.keys(manifest.pages),
      next: { outDir, templates, pages: {} },
      // The last build's files stay listed until this one has written its own, for pruning.
      during: {
        outDir,
        templates,
        pages: { ...manifest.pages, ...Object.fromEntries(routes.map((route) => [toOutputFile(route.url), null])) },
      },
      fingerprintWhileRendering: templates,
    };
  }
  const prints = fingerprintRoutes(routes, shared, templates);
  const render: Route[] = [];
  let missing = 0;
  for (const route of routes) {
    const file = toOutputFile(route.url);
    const known = !fullReason && manifest.pages[file] === prints.get(file);
    if (known && onDisk(file)) continue;
    if (known) missing++;
    render.push(route);
  }
  // Every page unchanged yet none on disk: the folder was emptied or not kept (say, between CI builds).
  if (!fullReason && missing > 0 && missing === render.length && render.length === routes.length) fullReason = "output folder empty";
  const pages = Object.fromEntries(prints);
  const during: Record<string, string | null> = { ...manifest.pages, ...pages };
  for (const route of render) during[toOutputFile(route.url)] = null;
  return {
    render,
    unchanged: routes.length - render.length,
    fullReason: render.length === routes.length && routes.length > 0 ? (fullReason ?? "every page changed") : null,
    previous: Object.keys(manifest.pages),
    next: { outDir, templates, pages },
    during: { outDir, templates, pages: during },
    fingerprintWhileRendering: null,
  };
}
