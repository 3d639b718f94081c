import yaml from "js-yaml";
import type { ArticleSource } from "./article.ts";
import type { ContentProblem } from "./errors.ts";
import { fillPattern, type WriterMessages } from "./locales/index.ts";

/** A Markdown file split into its front matter text and its body. */
export interface FrontMatterSplit {
  /** The YAML between the `---` lines ("" when the file has none). */
  yaml: string;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** 1-based line where the YAML starts, for error messages. */
  yamlLine: number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits `---` front matter from a Markdown text. Why not gray-matter for reading: measured on
 * 16,000 articles it spends four times as long as the YAML parse itself on copies and options we
 * do not use; this split is all it does for us (gray-matter still writes new articles).
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = OPEN.exec(text);
  if (!open) return { yaml: "", body: text, bodyLine: 1, yamlLine: 1 };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { yaml: rest, body: "", bodyLine: text.split("\n").length + 1, yamlLine: 2 };
  const yaml = rest.slice(0, close.index);
  const head = open[0].length + close.index + close[0].length;
  return { yaml, body: text.slice(head), bodyLine: text.slice(0, head).split("\n").length, yamlLine: 2 };
}

/** A front matter problem before validation: which part and, when known, which line of the file. */
export interface FrontMatterProblem {
  field: string;
  line?: number;
  message: string;
}

/** Limits no writer reaches: they keep a hostile or damaged file from costing time or memory. */
const FRONT_MATTER_LIMITS = { depth: 8, values: 2000 } as const;

/**
 * Parses front matter YAML into plain data, refusing anchors and aliases, nesting deeper than
 * FRONT_MATTER_LIMITS.depth and more than FRONT_MATTER_LIMITS.values values. Why: js-yaml hands
 * back the same object for each alias, so parsing an "alias bomb" is cheap, but every later walk
 * (NFC normalising, validation) visits each shared object once per path to it, which grows
 * exponentially. Refusing shared objects keeps every walk linear; writers never need anchors.
 * `yamlLine` is the file line the YAML starts on, so problems carry file lines.
 */
export function parseFrontMatter(
  text: string,
  yamlLine: number,
  messages: WriterMessages,
): { data: unknown } | { problem: FrontMatterProblem } {
  const field = "(front matter)";
  let anchorLine: number | null = null;
  let data: unknown;
  try {
    data = yaml.load(text, {
      // Why CORE_SCHEMA: the default schema turns `date: 2021-12-08T16:30:00` into a UTC Date and
      // loses the writer's intent; as a string it is read in the site's time zone instead.
      schema: yaml.CORE_SCHEMA,
      maxDepth: FRONT_MATTER_LIMITS.depth * 4,
      listener: (event, state) => {
        const node = state as unknown as { anchor: string | null; line: number };
        if (event === "close" && node.anchor !== null && anchorLine === null) anchorLine = node.line;
      },
    } as yaml.LoadOptions & { maxDepth: number });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    return {
      problem: {
        field,
        ...(mark?.line !== undefined ? { line: mark.line + yamlLine } : {}),
        message: fillPattern(messages.file.notYaml, { reason }),
      },
    };
  }
  if (anchorLine !== null) return { problem: { field, line: anchorLine + yamlLine, message: messages.file.alias } };
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    return { problem: { field, line: yamlLine, message: messages.file.notMap } };
  }
  const shape = checkTree(data);
  if (shape) {
    const line = shape.key ? findKeyLines(text, yamlLine)[shape.key] : undefined;
    const message =
      shape.kind === "shared"
        ? messages.file.alias
        : shape.kind === "deep"
          ? fillPattern(messages.file.tooDeep, { max: FRONT_MATTER_LIMITS.depth })
          : fillPattern(messages.file.tooManyValues, { max: FRONT_MATTER_LIMITS.values });
    return { problem: { field: shape.key ?? field, ...(line ? { line } : {}), message } };
  }
  return { data };
}

/** Walks a parsed value once, iteratively (no recursion to overflow), stopping at the first excess. */
function checkTree(root: unknown): { kind: "shared" | "deep" | "many"; key: string | null } | null {
  const seen = new Set<object>();
  const stack: { value: unknown; depth: number; key: string | null }[] = [{ value: root, depth: 0, key: null }];
  let count = 0;
  while (stack.length > 0) {
    const { value, depth, key } = stack.pop()!;
    if (++count > FRONT_MATTER_LIMITS.values) return { kind: "many", key };
    if (value === null || typeof value !== "object") continue;
    if (seen.has(value)) return { kind: "shared", key };
    seen.add(value);
    if (depth >= FRONT_MATTER_LIMITS.depth) return { kind: "deep", key };
    for (const [name, item] of Object.entries(value)) stack.push({ value: item, depth: depth + 1, key: key ?? name });
  }
  return null;
}

const TOP_KEY = /^([^\s#:'"{[\]},&*!|>%@`-][^:#]*?)[ \t]*:(?:[ \t]|$)/;
const NESTED_KEY = /^[ \t]+(?:-[ \t]+)?([^\s#:'"{[\]},&*!|>%@`-][^:#]*?)[ \t]*:(?:[ \t]|$)/;

/**
 * The file line of each front matter key as written: `title` for a top-level key, `image.alt` for
 * a key indented under one. A text scan, not a parse: it serves messages only, and it works on
 * front matter the YAML parser refused.
 */
export function findKeyLines(text: string, yamlLine: number): Record<string, number> {
  const lines: Record<string, number> = {};
  let parent: string | null = null;
  text.split(/\r?\n/).forEach((row, index) => {
    const top = TOP_KEY.exec(row);
    if (top) {
      parent = top[1]!;
      lines[parent] ??= yamlLine + index;
      return;
    }
    const nested = parent ? NESTED_KEY.exec(row) : null;
    if (nested) lines[`${parent}.${nested[1]}`] ??= yamlLine + index;
  });
  return lines;
}

/** A file that cannot be read as an article: why, and its body when the file could be split. */
export interface UnreadArticle {
  problem: ContentProblem;
  body?: { text: string; line: number };
}

/**
 * An article file's text as an ArticleSource: front matter split off, parsed with parseFrontMatter
 * and its key lines found; or the problem that keeps it from being read, with the body so its
 * photos can still be checked.
 */
export function readArticleText(
  text: string,
  file: string,
  slugSource: string,
  messages: WriterMessages,
): { source: ArticleSource } | UnreadArticle {
  const split = splitFrontMatter(text);
  const parsed = split.yaml ? parseFrontMatter(split.yaml, split.yamlLine, messages) : { data: {} };
  if ("problem" in parsed) return { problem: { file, ...parsed.problem }, body: { text: split.body, line: split.bodyLine } };
  const keyLines = findKeyLines(split.yaml, split.yamlLine);
  return { source: { file, slugSource, frontMatter: parsed.data, body: split.body, bodyLine: split.bodyLine, keyLines } };
}
