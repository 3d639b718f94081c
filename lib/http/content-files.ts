import fs from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";
import { parseSiteConfig, type SiteConfig } from "../core/site-config.ts";
import { EMPTY_WORD_LIST, parseWordList, type WordList } from "../core/word-list.ts";

/** Where the functions find the newsroom's word list; read again whenever the file changes. */
export type WordListSource = () => Promise<WordList>;

/** The word list's file name inside the content folder. */
export const WORD_LIST_FILE = "moderation.json";

async function readJson(file: string, shown: string): Promise<unknown | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ConfigError(`${shown} could not be read (${(error as Error).message})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown} is not valid JSON (${(error as Error).message}); fix the file and deploy again`, { cause: error });
  }
}

/**
 * The word list of `<contentDir>/moderation.json` (on Netlify the file is bundled with the
 * functions: netlify.toml `included_files`). No file means no words; a file that is not JSON or
 * not `{ "words": [...] }` is a ConfigError naming the file and field. Kept while the file's
 * modification time stays the same, so an edited list counts at once under `npm start`.
 */
export function createWordListSource(contentDir: string, root = process.cwd()): WordListSource {
  const file = path.join(contentDir, WORD_LIST_FILE);
  const shown = path.relative(root, file) || file;
  let cached: { mtimeMs: number; list: WordList } | null = null;
  return async () => {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) return EMPTY_WORD_LIST;
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.list;
    const raw = await readJson(file, shown);
    const list = raw === null ? EMPTY_WORD_LIST : parseWordList(raw, shown);
    cached = { mtimeMs: stat.mtimeMs, list };
    return list;
  };
}

/**
 * The site's settings from `<contentDir>/site.json` (bundled with the functions like the word
 * list), for what a function tells editors: the site's name, address, time zone and language.
 * A missing or invalid file is a ConfigError naming it.
 */
export async function readSiteSettings(contentDir: string, root = process.cwd()): Promise<SiteConfig> {
  const file = path.join(contentDir, "site.json");
  const shown = path.relative(root, file) || file;
  const raw = await readJson(file, shown);
  if (raw === null) throw new ConfigError(`${shown} was not found; the functions read it from BANTIN_CONTENT_DIR (default "content")`);
  const parsed = parseSiteConfig(raw);
  if ("problems" in parsed) {
    const [first] = parsed.problems;
    throw new ConfigError(`${shown}: field "${first?.field}": ${first?.message}`);
  }
  return parsed.config;
}
