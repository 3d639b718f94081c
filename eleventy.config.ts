import type UserConfig from "@11ty/eleventy/UserConfig";
import { createSiteLoader, readBuildOptions } from "./lib/build/index.ts";
import { bindDevServerHost, createDevApiMiddleware, readDevServerHost } from "./lib/http/index.ts";

// Eleventy renders no templates itself: it hosts the build (`npm run build`), serves, watches and
// live-reloads `npm start`, and copies layouts/assets to /assets. Each build, lib/build loads the
// site once into one typed catalog, and one renderer (lib/build/render-pages.ts) writes every
// route of it (lib/core/routes.ts): pages, feeds, sitemap, robots.txt, comment manifest.
// See README, "How a build works".
export default async function configure(eleventyConfig: UserConfig) {
  const options = readBuildOptions();
  // Content problems end a build right after they are listed, with exit code 1: thrown on, the
  // error would reach Eleventy, which prints its own stack traces after the list. A running
  // `npm start` keeps serving its last good build and rebuilds when the content is fixed.
  const site = createSiteLoader(options, undefined, (_error, summary, canKeepLast) => {
    if (process.env.ELEVENTY_RUN_MODE === "serve" && canKeepLast) return "keep";
    console.error(summary);
    process.exit(1);
  });

  eleventyConfig.on("eleventy.before", async () => {
    await site.load();
  });
  eleventyConfig.on("eleventy.after", async ({ directories }) => site.publish(directories.output));
  eleventyConfig.addWatchTarget("layouts/_includes/");
  eleventyConfig.addPassthroughCopy({ "layouts/assets": "assets" });

  // `npm start`: the comment function runs inside the dev server, on the local store, and an
  // editor's decision rebuilds the pages.
  const serving = process.env.ELEVENTY_RUN_MODE === "serve";
  if (serving) {
    for (const target of await site.getWatchTargets()) eleventyConfig.addWatchTarget(target);
    // The local store lives in a git-ignored folder, and Eleventy skips watching git-ignored paths.
    // Nothing in layouts/ is an Eleventy template, so nothing else changes by turning that off.
    eleventyConfig.setUseGitIgnore(false);
  }
  // The dev server serves readers' emails to a well-known local token: it listens on this machine
  // only, unless BANTIN_HOST opens it (README, "The local loop").
  if (serving) await bindDevServerHost(readDevServerHost());
  eleventyConfig.setServerOptions({
    showVersion: false,
    domDiff: false,
    middleware: serving ? [createDevApiMiddleware(() => eleventyConfig.directories.output)] : [],
  });
  eleventyConfig.setQuietMode(true);

  return {
    // No template formats: the page templates in layouts/_includes/pages/ belong to the renderer.
    dir: { input: "layouts", includes: "_includes", output: "_site" },
    templateFormats: [],
  };
}
