import { fillPattern } from "./lib/core/locales/index.ts";
import { renderPicture } from "./lib/core/picture.ts";
import type { PlacedPhoto } from "./lib/core/article.ts";
import { readBuildOptions } from "./lib/build-options.ts";
import { createSiteLoader } from "./lib/load-site.ts";
import { createDevApiMiddleware } from "./lib/dev-api.ts";

// Eleventy renders only the page templates in layouts/; articles are read once by lib/load-site.ts
// into one typed data set (`bantin`) that the templates paginate. See README, "How a build works".
export default async function configure(eleventyConfig: any) {
  const options = readBuildOptions();
  const site = createSiteLoader(options);

  eleventyConfig.addGlobalData("bantin", async () => (await site.load()).catalog);
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => site.publish(directories.output));
  eleventyConfig.addPassthroughCopy({ "layouts/assets": "assets" });

  eleventyConfig.addFilter("picture", (photo: PlacedPhoto, sizes: string, eager: boolean) =>
    photo ? renderPicture(photo.set, { alt: photo.alt, sizes, eager }) : "",
  );
  eleventyConfig.addFilter("fill", (pattern: string, values: Record<string, string | number>) => fillPattern(pattern, values));

  // `npm start`: the comment function runs inside the dev server, on the local store, and an
  // editor's decision rebuilds the pages.
  const serving = process.env.ELEVENTY_RUN_MODE === "serve";
  if (serving) {
    for (const target of await site.getWatchTargets()) eleventyConfig.addWatchTarget(target);
    // The local store lives in a git-ignored folder, and Eleventy skips watching git-ignored paths.
    // Templates come only from layouts/, so nothing else changes by turning that off.
    eleventyConfig.setUseGitIgnore(false);
  }
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
