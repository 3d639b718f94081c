import { countPhrase, fillPattern, type Locale } from "./locales/index.ts";
import { vi } from "./locales/vi.ts";

// How messages are written: what happened, where (file, field, line, setting, key), and what to do,
// in one sentence a user can act on without reading code, for example
//   `COMMENT_RATE_LIMIT="five" should be <count>/<seconds>, both at least 1, for example 5/600`.
// The kind of error says who acts: a writer (ContentError), an operator (ConfigError), nobody but
// time (StoreUnavailableError: retry later); a plain BantinError is any other mistake a user can fix
// (a wrong command, a bad file given to the CLI). Anything else that is thrown is a bug.

/**
 * The one error base class of bantin. Every error we raise on purpose extends it, carries a message
 * that says what failed, where, and how to fix it, and keeps the underlying error as `cause`.
 */
export class BantinError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A setting an operator must set or fix: an environment variable, a site.json value that is not
 * content. Answered with a 503 by the functions (details go to the function log only).
 */
export class ConfigError extends BantinError {}

/**
 * The comment store could not be reached, read or written: nothing the user sent is wrong, and a
 * retry later may succeed. A production build stops on it; the functions answer 503 + Retry-After.
 */
export class StoreUnavailableError extends BantinError {}

/** One problem found in one content file: where, which field, and what to write instead. */
export interface ContentProblem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** Front matter key, `body`, or a dotted path such as `image.alt`. */
  field: string;
  /** What is wrong and what to write instead. */
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** Content that cannot be published: lists every problem in every file at once. */
export class ContentError extends BantinError {
  readonly problems: readonly ContentProblem[];
  /** The language the problems are written in (the site's; Vietnamese when it is unknown). */
  readonly locale: Locale;

  constructor(problems: readonly ContentProblem[], options?: { cause?: unknown; locale?: Locale }) {
    super(formatContentProblems(problems, options?.locale ?? vi), options);
    this.problems = problems;
    this.locale = options?.locale ?? vi;
  }
}

/** `line 12, ` (in the locale's words) when the problem has a line, else "". */
export function describeLine(problem: ContentProblem, locale: Locale): string {
  return problem.line ? `${fillPattern(locale.writers.report.line, { line: problem.line })}, ` : "";
}

/** Formats problems grouped by file, one line each, for a terminal or a CI log. */
function formatContentProblems(problems: readonly ContentProblem[], locale: Locale): string {
  const byFile = new Map<string, ContentProblem[]>();
  for (const problem of problems) {
    const list = byFile.get(problem.file) ?? [];
    list.push(problem);
    byFile.set(problem.file, list);
  }
  const { counts, report } = locale.writers;
  const lines = [
    fillPattern(report.summary, {
      problems: countPhrase(counts.problems, problems.length, locale.lang),
      files: countPhrase(counts.files, byFile.size, locale.lang),
    }),
  ];
  for (const [file, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`  ${file}`);
    for (const problem of list.toSorted((a, b) => (a.line ?? 0) - (b.line ?? 0))) {
      lines.push(`    - ${describeLine(problem, locale)}${problem.field}: ${problem.message}`);
    }
  }
  return lines.join("\n");
}
