// npm run check: validates every article and photo reference without building, with the build's messages.
import { readBuildOptions, checkContent, describeCheckedContent, formatDraftProblem } from "../lib/build/index.ts";
import { BantinError } from "../lib/core/errors.ts";

try {
  const content = await checkContent(readBuildOptions());
  for (const problem of content.draftProblems) console.warn(formatDraftProblem(problem, content.config));
  console.log(describeCheckedContent(content));
} catch (error) {
  if (!(error instanceof BantinError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
