// npm run check: validates every article and photo reference without building, with the build's messages.
import { readBuildOptions } from "../lib/build-options.ts";
import { BantinError } from "../lib/core/errors.ts";
import { checkContent } from "../lib/load-site.ts";

try {
  const content = await checkContent(readBuildOptions());
  for (const problem of content.draftProblems) console.warn(`draft ${problem.file}: ${problem.field}: ${problem.message}`);
  const sections = new Set(content.articles.map((article) => article.data.section));
  const drafts = content.articles.filter((article) => article.data.draft).length;
  console.log(`Content is valid: ${content.articles.length} articles (${drafts} drafts) in ${sections.size} sections.`);
} catch (error) {
  if (!(error instanceof BantinError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
