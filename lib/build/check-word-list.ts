import fs from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";
import { parseWordList } from "../core/word-list.ts";

/**
 * Checks `<contentDir>/moderation.json`, when there is one, as the comment function will read it
 * (lib/http/content-files.ts): a list that is not JSON or not `{ "words": [...] }` stops the build
 * with a ConfigError naming the file and field, so it never reaches the site and stops comments.
 */
export async function checkWordListFile(contentDir: string, root: string): Promise<void> {
  const file = path.join(contentDir, "moderation.json");
  const shown = path.relative(root, file) || file;
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new ConfigError(`${shown} could not be read (${(error as Error).message})`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  parseWordList(raw, shown);
}
