import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { decideComments } from "../../lib/comments/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { seedComment } from "./comments.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** What a build printed and how it ended. */
export interface BuildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outDir: string;
}

/** Runs a real production-like build (the command of `npm run build`) of `contentDir` into `outDir`. */
export function buildSite(options: {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  env?: Record<string, string>;
}): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["node_modules/@11ty/eleventy/cmd.cjs", "--config=eleventy.config.ts", `--output=${options.outDir}`],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          BANTIN_CONTENT_DIR: options.contentDir,
          BANTIN_CACHE_DIR: options.cacheDir,
          BANTIN_PREVIEW: "",
          CONTEXT: "",
          // Hermetic by default: never the developer's own local comment store.
          BANTIN_COMMENT_STORE: "file",
          BANTIN_COMMENT_DIR: path.join(options.cacheDir, "no-comments"),
          ...options.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, outDir: options.outDir }));
  });
}

/** A fresh temporary folder that the test removes at the end. */
export async function makeTempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `bantin-${prefix}-`));
}

/**
 * Copies a fixture content folder and writes a small generated JPEG for every `./name.jpg` it
 * references, so fixtures stay text-only in git.
 */
export async function prepareFixture(name: string, target: string): Promise<string> {
  await fs.cp(path.join(ROOT, "tests/fixtures", name), target, { recursive: true });
  const entries = await fs.readdir(target, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(".md"))) {
    const dir = entry.parentPath;
    const text = await fs.readFile(path.join(dir, entry.name), "utf8");
    for (const [, file] of text.matchAll(/\.\/([\w-]+\.jpg)/g)) {
      const seed = [...file!].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
      await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: seed % 255, g: 90, b: 140 } } })
        .jpeg({ quality: 80 })
        .toFile(path.join(dir, file!));
    }
  }
  return target;
}

/** Reads a built file as text. */
export function readBuilt(outDir: string, file: string): Promise<string> {
  return fs.readFile(path.join(outDir, file), "utf8");
}

/** Every file under `dir`, relative and sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Builds `contentDir` into `<temp>/out` with one approved comment in a file store `<temp>/store`,
 * as the pages with a comment list need; a failed build is an error with its output.
 */
export async function buildWithApprovedComment(
  temp: string,
  contentDir: string,
  comment: { slug: string; name: string; content: string; at: Date },
): Promise<BuildResult> {
  const commentDir = path.join(temp, "store");
  const store = new CommentStore(createFileBackend(commentDir));
  const seeded = await seedComment(store, comment);
  await decideComments(store, [seeded.id], "approved", "test", comment.at);
  const result = await buildSite({
    contentDir,
    outDir: path.join(temp, "out"),
    cacheDir: path.join(temp, "cache"),
    env: { BANTIN_NOW: "2026-01-01T00:00:00Z", BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: commentDir },
  });
  if (result.code !== 0) throw new Error(result.stdout + result.stderr);
  return result;
}
