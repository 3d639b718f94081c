import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareArticle, type PreparedArticle } from "./core/article.ts";
import type { ContentProblem } from "./core/errors.ts";
import type { SiteConfig } from "./core/site-config.ts";
import { readArticleSource } from "./load-content.ts";
import { runTsWorker } from "./ts-worker.ts";

/** One article file, read, validated and rendered (photos still slots). */
export interface PreparedFile {
  file: string;
  article: PreparedArticle | null;
  problems: ContentProblem[];
  isDraft: boolean;
  /** Each photo source as written, with its absolute path. */
  photoPaths: [string, string][];
}

/** markdown-it percent-encodes body photo paths (`./ảnh.jpg`); a path that is not encoded stays as written. */
function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/** Reads and prepares files in order, checking that every photo they use is there. */
export function prepareFiles(files: readonly string[], root: string, config: SiteConfig): PreparedFile[] {
  return files.map((absolute) => {
    const read = readArticleSource(absolute, root);
    if ("problem" in read) return { file: read.problem.file, article: null, problems: [read.problem], isDraft: false, photoPaths: [] };
    const { source } = read;
    const result = prepareArticle(source, config);
    const problems = [...result.problems];
    const photoPaths: [string, string][] = [];
    for (const src of result.article?.photoSources ?? []) {
      const absolutePhoto = path.resolve(root, path.dirname(source.file), decodePath(src));
      photoPaths.push([src, absolutePhoto]);
      if (!fs.existsSync(absolutePhoto)) {
        const field = src === result.article?.data.image?.src ? "image.src" : "body";
        problems.push({ file: source.file, field, message: `photo "${src}" is not there; put the file next to the article or fix the name` });
      }
    }
    const isDraft = (source.frontMatter as { draft?: unknown } | null)?.draft === true;
    return { file: source.file, article: problems.length === 0 ? result.article : null, problems, isDraft, photoPaths };
  });
}

// Below this many files a second thread costs more to start than it saves.
const PARALLEL_THRESHOLD = 2000;

/**
 * Prepares all files, split into contiguous shares over one thread per core for large sites
 * (parsing Markdown is the biggest single cost of a build). Results keep the files' order.
 */
export async function prepareAllFiles(files: readonly string[], root: string, config: SiteConfig, threads = os.availableParallelism()): Promise<PreparedFile[]> {
  const shares = files.length >= PARALLEL_THRESHOLD ? Math.max(1, threads) : 1;
  const size = Math.ceil(files.length / shares);
  const parts = Array.from({ length: shares }, (_, i) => files.slice(i * size, (i + 1) * size));
  const helpers = parts.slice(1).map((part) => runTsWorker<PreparedFile[]>(new URL("./prepare-worker.ts", import.meta.url), { files: part, root, config }));
  const mine = prepareFiles(parts[0] ?? [], root, config);
  const theirs = await Promise.all(helpers);
  return [mine, ...theirs.map((result) => result ?? [])].flat();
}
