// npm run check: validates every article and photo reference without building, with the build's messages.
import { readBuildOptions } from "../lib/build-options.ts";
import { BantinError } from "../lib/core/errors.ts";
import { countPhrase, fillPattern, getLocale } from "../lib/core/locales/index.ts";
import { checkContent, formatDraftProblem } from "../lib/load-site.ts";

try {
  const content = await checkContent(readBuildOptions());
  for (const problem of content.draftProblems) console.warn(formatDraftProblem(problem, content.config));
  const { lang, writers } = getLocale(content.config.language);
  const sections = new Set(content.articles.map((article) => article.data.section));
  const drafts = content.articles.filter((article) => article.data.draft).length + content.brokenDrafts;
  const draftPhrase = countPhrase(writers.counts.drafts, drafts, lang);
  console.log(
    fillPattern(writers.report.valid, {
      articles: countPhrase(writers.counts.articles, content.articles.length + content.brokenDrafts, lang),
      drafts: content.brokenDrafts ? fillPattern(writers.report.draftsWithProblems, { drafts: draftPhrase, broken: content.brokenDrafts }) : draftPhrase,
      sections: countPhrase(writers.counts.sections, sections.size, lang),
    }),
  );
} catch (error) {
  if (!(error instanceof BantinError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
