/** The command-line tools: scripts/ and tests import from here. */
export { runModerationCommand, type CliContext } from "./comments-cli.ts";
export { createArticleSkeleton, splitTags, type NewArticleInput } from "./new-article.ts";
