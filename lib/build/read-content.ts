import fs from "node:fs/promises";
import path from "node:path";
import fsSync from "node:fs";
import type { ArticleSource } from "../core/article.ts";
import { ContentError, type ContentProblem } from "../core/errors.ts";
import { readArticleText, type UnreadArticle } from "../core/front-matter.ts";
import { fillPattern, getLocale, LOCALES, type LanguageCode, type Locale, type WriterMessages } from "../core/locales/index.ts";
import { vi } from "../core/locales/vi.ts";
import { parseSiteConfig, type SiteConfig } from "../core/site-config.ts";

/**
 * Reads and validates `<contentDir>/site.json`. A missing, unreadable or invalid file is a
 * ContentError naming it, in the site's language when the file says it (Vietnamese otherwise).
 */
export async function loadSiteConfig(contentDir: string, root: string, siteUrl: string | null): Promise<SiteConfig> {
  const file = path.join(contentDir, "site.json");
  const shown = path.relative(root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    const messages = vi.writers.site;
    const message =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? messages.missing
        : fillPattern(messages.notJson, { reason: (error as Error).message });
    throw new ContentError([{ file: shown, field: "(file)", message }], { cause: error });
  }
  const parsed = parseSiteConfig(siteUrl ? { ...(raw as object), url: siteUrl } : raw);
  if ("problems" in parsed) {
    const language = (raw as { language?: unknown } | null)?.language;
    const locale = typeof language === "string" && language in LOCALES ? getLocale(language as LanguageCode) : vi;
    throw new ContentError(
      parsed.problems.map((problem) => ({ file: shown, ...problem })),
      { locale },
    );
  }
  return parsed.config;
}

/** Every article file under `<contentDir>/articles`, sorted: `name.md` or `name/index.md`. */
export function listArticleFiles(contentDir: string): string[] {
  const dir = path.join(contentDir, "articles");
  let entries;
  try {
    entries = fsSync.readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md") && !entry.name.startsWith("_"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The largest article file read, in bytes: far above any real article, far below trouble. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** 1-based line of byte `offset` in `bytes`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** The file's bytes, or the problem that keeps it from being read (too large, unreadable). */
export function readArticleBytes(
  absolute: string,
  file: string,
  messages: WriterMessages,
): { bytes: Buffer } | { problem: ContentProblem } {
  const field = "(file)";
  try {
    const size = fsSync.statSync(absolute).size;
    if (size > MAX_ARTICLE_BYTES)
      return { problem: { file, field, message: fillPattern(messages.file.tooLarge, { size, max: MAX_ARTICLE_BYTES }) } };
    return { bytes: fsSync.readFileSync(absolute) };
  } catch (error) {
    return { problem: { file, field, message: fillPattern(messages.file.unreadable, { reason: (error as Error).message }) } };
  }
}

/** The bytes as text, or the problem that keeps them from being read as an article (NUL, not UTF-8). */
function decodeText(bytes: Buffer, file: string, messages: WriterMessages): { text: string } | { problem: ContentProblem } {
  const field = "(file)";
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { problem: { file, field, line: lineAt(bytes, nul), message: messages.file.nul } };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // The decoder does not say where; the first replacement character of a lenient decode does.
    const lenient = bytes.toString("utf8");
    const line = lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD"))).split("\n").length;
    return { problem: { file, field, line, message: messages.file.notUtf8 } };
  }
}

/**
 * An article file's bytes (see readArticleBytes) as an ArticleSource, or the problem that keeps them
 * from being one: a pure function of the bytes, the file's path and the locale.
 */
export function decodeArticleSource(
  bytes: Buffer,
  absolute: string,
  root: string,
  locale: Locale = vi,
): { source: ArticleSource } | UnreadArticle {
  const file = path.relative(root, absolute);
  const read = decodeText(bytes, file, locale.writers);
  if ("problem" in read) return read;
  const base = path.basename(absolute, ".md");
  const slugSource = base === "index" ? path.basename(path.dirname(absolute)) : base;
  return readArticleText(read.text, file, slugSource, locale.writers);
}

/**
 * Reads one article file. A file that is too large, binary, not UTF-8, or whose front matter is not
 * plain YAML becomes a problem naming the file (and line), never an exception, so one run reports
 * every broken file. Files are read synchronously on purpose: measured on 16,000 small files, the
 * thread-pool round trips of async reads cost three times as long.
 */
export function readArticleSource(absolute: string, root: string, locale: Locale = vi): { source: ArticleSource } | UnreadArticle {
  const read = readArticleBytes(absolute, path.relative(root, absolute), locale.writers);
  return "problem" in read ? read : decodeArticleSource(read.bytes, absolute, root, locale);
}
