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
