import fs from "node:fs/promises";
import path from "node:path";
import { makeTempDir, prepareFixture } from "./build-site.ts";
import { getFreePort, startProcess, type RunningProcess } from "./processes.ts";

/** `npm start` as a writer runs it (Eleventy's dev server with the comment API), on fixture content. */
export async function startDevSite(env: Record<string, string> = {}) {
  const temp = await makeTempDir("dev");
  const contentDir = await prepareFixture("site", path.join(temp, "content"));
  const outDir = path.join(temp, "site");
  const commentDir = path.join(temp, "comments");
  const port = await getFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const server: RunningProcess = await startProcess(
    process.execPath,
    ["node_modules/@11ty/eleventy/cmd.cjs", "--config=eleventy.config.ts", "--serve", `--port=${port}`, `--output=${outDir}`],
    {
      BANTIN_PREVIEW: "1",
      BANTIN_NOW: "2026-01-01T00:00:00Z",
      BANTIN_CONTENT_DIR: contentDir,
      BANTIN_CACHE_DIR: path.join(temp, "cache"),
      BANTIN_COMMENT_DIR: commentDir,
      BANTIN_COMMENT_STORE: "file",
      ...env,
    },
    async () => (await fetch(`${origin}/comment-manifest.json`)).ok,
  );
  return {
    origin,
    outDir,
    contentDir,
    commentDir,
    server,
    async stop() {
      await server.stop();
      await fs.rm(temp, { recursive: true, force: true });
    },
  };
}
