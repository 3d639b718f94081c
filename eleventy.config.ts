import { readBuildOptions } from "./lib/build/options.ts";
import { TEMPLATE_FILTERS } from "./lib/build/template-filters.ts";
import { createSiteLoader } from "./lib/build/site-loader.ts";
import { createDevApiMiddleware } from "./lib/http/dev-api.ts";
import { bindDevServerHost, readDevServerHost } from "./lib/http/dev-server-host.ts";

// Articles are read once by lib/build/site-loader.ts into one typed data set (`bantin`). The pages that
// scale with it (articles, listings, feeds) are rendered by lib/build/render-pages.ts with the same
// layouts; Eleventy renders the other templates in layouts/ and serves `npm start`.
// See README, "How a build works".
export default async function configure(eleventyConfig: any) {
  const options = readBuildOptions();
  // Content problems end a build right after they are listed, with exit code 1: thrown on, the
  // error would reach Eleventy, which prints its own stack traces after the list. A running
  // `npm start` keeps serving its last good build and rebuilds when the content is fixed.
  const site = createSiteLoader(options, undefined, (_error, summary, canKeepLast) => {
    if (process.env.ELEVENTY_RUN_MODE === "serve" && canKeepLast) return "keep";
    console.error(summary);
    process.exit(1);
  });

  // Frozen: Eleventy then shares the data set with its templates instead of deep-copying it into
  // each one (at 16,000 articles the copies cost seconds and hundreds of megabytes).
  eleventyConfig.addGlobalData("bantin", async () => Object.freeze((await site.load()).catalog));
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => site.publish(directories.output));
  eleventyConfig.addWatchTarget("layouts/_includes/");
  eleventyConfig.addPassthroughCopy({ "layouts/assets": "assets" });

  for (const [name, filter] of Object.entries(TEMPLATE_FILTERS)) eleventyConfig.addFilter(name, filter);

  // `npm start`: the comment function runs inside the dev server, on the local store, and an
  // editor's decision rebuilds the pages.
  const serving = process.env.ELEVENTY_RUN_MODE === "serve";
  if (serving) {
    for (const target of await site.getWatchTargets()) eleventyConfig.addWatchTarget(target);
    // The local store lives in a git-ignored folder, and Eleventy skips watching git-ignored paths.
    // Templates come only from layouts/, so nothing else changes by turning that off.
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
    dir: { input: "layouts", includes: "_includes", data: "_data", output: "_site" },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
