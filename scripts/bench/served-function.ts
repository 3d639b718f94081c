import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { spawnOwned, stopGroup } from "./child-processes.ts";
import { ROOT } from "./contenders.ts";
import type { LoadResult } from "./function-load.ts";

const NETLIFY_CLI = path.join(ROOT, "node_modules/netlify-cli/bin/run.js");

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `netlify functions:serve --offline` on the real function with a local file store, runs
 * the load through `drive`, counts the stored records, and stops the server and everything it
 * started (its process group), also when the load fails.
 */
export async function measureServedFunction(
  workDir: string,
  requests: number,
  concurrency: number,
  drive: (url: string, requests: number, concurrency: number, count: () => Promise<number>) => Promise<LoadResult>,
  log: (line: string) => void = () => undefined,
): Promise<LoadResult> {
  const siteDir = path.join(workDir, "served-site");
  const storeDir = path.join(workDir, "served-store");
  await fs.mkdir(siteDir, { recursive: true });
  await fs.writeFile(
    path.join(siteDir, "comment-manifest.json"),
    JSON.stringify({ language: "vi", articles: { "bai-tai": { url: "/tin/bai-tai/", open: true } } }),
  );
  const port = await freePort();
  // The CLI's own entry point under this Node, not npx: no npm start-up and no second Node version.
  const child = spawnOwned(process.execPath, [NETLIFY_CLI, "functions:serve", "--offline", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      CI: "true",
      NO_UPDATE_NOTIFIER: "1",
      BROWSER: "none",
      BANTIN_SITE_DIR: siteDir,
      BANTIN_COMMENT_STORE: "file",
      BANTIN_COMMENT_DIR: storeDir,
      COMMENT_SALT: "bench",
      // One client sends everything here, so the per-client limit is lifted for the measurement.
      COMMENT_RATE_LIMIT: "1000000/600",
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/api/comments`;
  try {
    const started = Date.now();
    const deadline = started + 90_000;
    while (
      !(await fetch(url).then(
        (r) => r.status === 405,
        () => false,
      ))
    ) {
      if (child.exitCode !== null)
        throw new Error(`netlify functions:serve exited with ${child.exitCode} before it answered on ${url}:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`netlify functions:serve did not answer on ${url} within 90 s:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log(`netlify functions:serve answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const store = new CommentStore(createFileBackend(storeDir));
    return await drive(url, requests, concurrency, async () => (await store.listCommentVersions()).length);
  } finally {
    await stopGroup(child.pid!);
  }
}
