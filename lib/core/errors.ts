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

  constructor(problems: readonly ContentProblem[], options?: { cause?: unknown }) {
    super(formatContentProblems(problems), options);
    this.problems = problems;
  }
}

/** Formats problems grouped by file, one line each, for a terminal or a CI log. */
export function formatContentProblems(problems: readonly ContentProblem[]): string {
  const byFile = new Map<string, ContentProblem[]>();
  for (const problem of problems) {
    const list = byFile.get(problem.file) ?? [];
    list.push(problem);
    byFile.set(problem.file, list);
  }
  const count = problems.length;
  const lines = [
    `${count} ${count === 1 ? "problem" : "problems"} in ${byFile.size} ${byFile.size === 1 ? "file" : "files"}; nothing was published. Fix these and run again:`,
  ];
  for (const [file, list] of byFile) {
    lines.push(`  ${file}`);
    for (const problem of list) {
      const where = problem.line ? `line ${problem.line}, ` : "";
      lines.push(`    - ${where}${problem.field}: ${problem.message}`);
    }
  }
  return lines.join("\n");
}
