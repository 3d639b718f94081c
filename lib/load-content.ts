import fs from "node:fs/promises";
import path from "node:path";
import fsSync from "node:fs";
import yaml from "js-yaml";
import type { ArticleSource } from "./core/article.ts";
import { BantinError, ContentError, type ContentProblem } from "./core/errors.ts";
import { splitFrontMatter } from "./core/front-matter.ts";
import { parseSiteConfig, type SiteConfig } from "./core/site-config.ts";

/** Reads and validates `<contentDir>/site.json`. */
export async function loadSiteConfig(contentDir: string, root: string, siteUrl: string | null): Promise<SiteConfig> {
  const file = path.join(contentDir, "site.json");
  const shown = path.relative(root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    const what = (error as NodeJS.ErrnoException).code === "ENOENT" ? "is missing" : "is not valid JSON";
    throw new BantinError(`${shown} ${what}: it holds the site's name, url and language (see README, "Site settings")`, { cause: error });
  }
  const parsed = parseSiteConfig(siteUrl ? { ...(raw as object), url: siteUrl } : raw);
  if ("problems" in parsed) {
    throw new ContentError(parsed.problems.map((problem) => ({ file: shown, ...problem })));
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

/**
 * Reads one article file. Front matter that is not valid YAML becomes a problem, not an exception,
 * so one run reports every broken file. Files are read synchronously on purpose: measured on
 * 16,000 small files, the thread-pool round trips of async reads cost three times as long.
 */
export function readArticleSource(absolute: string, root: string): { source: ArticleSource } | { problem: ContentProblem } {
  const file = path.relative(root, absolute);
  const split = splitFrontMatter(fsSync.readFileSync(absolute, "utf8"));
  const base = path.basename(absolute, ".md");
  const slugSource = base === "index" ? path.basename(path.dirname(absolute)) : base;
  try {
    // Why CORE_SCHEMA: the default schema turns `date: 2021-12-08T16:30:00` into a UTC Date and
    // loses the writer's intent; as a string it is read in the site's time zone instead.
    const frontMatter = split.yaml ? yaml.load(split.yaml, { schema: yaml.CORE_SCHEMA }) : {};
    return { source: { file, slugSource, frontMatter, body: split.body, bodyLine: split.bodyLine } };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    return {
      problem: {
        file,
        field: "(front matter)",
        ...(mark?.line !== undefined ? { line: mark.line + split.yamlLine } : {}),
        message: `is not valid YAML (${reason}). Put the front matter between two lines of ---, one "key: value" per line, and quote values that contain ": "`,
      },
    };
  }
}
