import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BENCH = path.join(ROOT, "scripts/bench");

/** A build the benchmark times: how to run it on a corpus into an output folder. */
export interface Contender {
  name: string;
  command: (corpus: string, out: string) => { command: string; args: string[]; env?: NodeJS.ProcessEnv };
}

/** The installed Hugo version, or null (the bench then says it was skipped and why). */
export function findHugo(): string | null {
  try {
    return execFileSync("hugo", ["version"], { encoding: "utf8" }).trim().split(" ")[1] ?? "unknown";
  } catch {
    return null;
  }
}

/** Prepares a corpus for the other generators (bare Eleventy reads its layout from the corpus). */
export function prepareCorpusForOthers(corpus: string): void {
  fs.mkdirSync(path.join(corpus, "_includes"), { recursive: true });
  fs.copyFileSync(path.join(BENCH, "bare-eleventy/_includes/base.njk"), path.join(corpus, "_includes/base.njk"));
}

/** The command `npm run build` runs, read from package.json so the bench times exactly that. */
function readBuildCommand(): string[] {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.build as string;
  const [node, ...args] = script.split(/\s+/);
  if (node !== "node") throw new Error(`the bench expects "npm run build" to start with node, not: ${script}`);
  return args;
}

/** bantin's full production build, exactly as `npm run build` runs it. */
export function bantin(cacheDir: string, commentDir: string, now: string): Contender {
  const args = readBuildCommand();
  return {
    name: "bantin",
    command: (corpus, out) => ({
      command: process.execPath,
      args: [...args, `--output=${out}`],
      env: {
        BANTIN_CONTENT_DIR: corpus,
        BANTIN_CACHE_DIR: cacheDir,
        BANTIN_COMMENT_STORE: "file",
        BANTIN_COMMENT_DIR: commentDir,
        BANTIN_NOW: now,
        CONTEXT: "",
      },
    }),
  };
}

export const bareEleventy: Contender = {
  name: "bare Eleventy",
  command: (corpus, out) => ({
    command: process.execPath,
    args: [
      "node_modules/@11ty/eleventy/cmd.cjs",
      `--config=${path.join(BENCH, "bare-eleventy/eleventy.config.mjs")}`,
      `--input=${corpus}`,
      `--output=${out}`,
    ],
  }),
};

export const hugo: Contender = {
  name: "Hugo",
  command: (corpus, out) => ({
    command: "hugo",
    args: [
      "--source",
      path.join(BENCH, "hugo-site"),
      "--contentDir",
      path.join(corpus, "articles"),
      "--destination",
      out,
      "--quiet",
      "--noBuildLock",
    ],
  }),
};

export const nodeLoop: Contender = {
  name: "plain Node loop",
  command: (corpus, out) => ({
    command: process.execPath,
    args: ["--import", "tsx", path.join(BENCH, "node-loop.ts"), path.join(corpus, "articles"), out],
  }),
};

export { ROOT };
