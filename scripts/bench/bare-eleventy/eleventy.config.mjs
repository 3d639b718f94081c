// Bare Eleventy 3 for the benchmark: the same Markdown, one minimal Nunjucks layout, defaults
// otherwise. Run with --input=<corpus> (the bench copies _includes/base.njk there).
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "base.njk");
  eleventyConfig.setQuietMode(true);
  return { templateFormats: ["md"] };
}
