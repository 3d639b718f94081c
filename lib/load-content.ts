import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import yaml from "js-yaml";
import type { ArticleSource } from "./core/article.ts";
import { BantinError, ContentError } from "./core/errors.ts";
import { parseSiteConfig, type SiteConfig } from "./core/site-config.ts";

// Why CORE_SCHEMA: js-yaml's default schema turns `date: 2021-12-08T16:30:00` into a UTC Date and
// loses the writer's intent; as a string we read it in the site's time zone instead.
const matterOptions = { engines: { yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object } };

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

async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
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
 * Reads every article under `<contentDir>/articles` (`name.md`, or `name/index.md` with its photos
 * beside it). A file whose front matter is not valid YAML becomes a problem, not an exception, so
 * one run reports every broken file.
 */
export async function loadArticleSources(
  contentDir: string,
  root: string,
): Promise<{ sources: ArticleSource[]; problems: ContentError["problems"][number][] }> {
  const files = await listMarkdown(path.join(contentDir, "articles"));
  const sources: ArticleSource[] = [];
  const problems: ContentError["problems"][number][] = [];
  await Promise.all(
    files.map(async (absolute) => {
      const file = path.relative(root, absolute);
      const text = await fs.readFile(absolute, "utf8");
      const base = path.basename(absolute, ".md");
      const slugSource = base === "index" ? path.basename(path.dirname(absolute)) : base;
      try {
        // gray-matter caches by input string; an empty options object per call keeps results fresh.
        const parsed = matter(text, { ...matterOptions });
        const bodyLine = text.slice(0, text.length - parsed.content.length).split("\n").length;
        sources.push({ file, slugSource, frontMatter: parsed.data, body: parsed.content, bodyLine });
      } catch (error) {
        const mark = (error as { mark?: { line?: number } }).mark;
        const reason = (error as { reason?: string }).reason ?? (error as Error).message;
        problems.push({
          file,
          field: "(front matter)",
          ...(mark?.line !== undefined ? { line: mark.line + 2 } : {}),
          message: `is not valid YAML (${reason}). Put the front matter between two lines of ---, one "key: value" per line, and quote values that contain ": "`,
        });
      }
    }),
  );
  sources.sort((a, b) => a.file.localeCompare(b.file));
  return { sources, problems };
}
