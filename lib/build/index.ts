// The public surface of lib/build: what eleventy.config.ts and scripts/ use. The other modules of
// this folder are its inner parts.
export { readBuildOptions, type BuildOptions } from "./options.ts";
export { loadSiteConfig } from "./read-content.ts";
export {
  checkContent,
  createSiteLoader,
  describeCheckedContent,
  formatDraftProblem,
  type CheckedContent,
  type SiteData,
} from "./site-loader.ts";
export { createPageRenderer, type RenderStats } from "./render-pages.ts";
export { loadApprovedComments } from "./load-comments.ts";
export { PHOTO_OPTIONS } from "./photos.ts";
