import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import { createFileBackend } from "../../lib/stores/file-backend.ts";
import { ROOT } from "./contenders.ts";
import type { LoadResult } from "./function-load.ts";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `netlify functions:serve --offline` on the real function with a local file store, runs
 * the load through `drive`, counts the stored records, and stops the server.
 */
export async function measureServedFunction(
  workDir: string,
  requests: number,
  concurrency: number,
  drive: (url: string, requests: number, concurrency: number, count: () => Promise<number>) => Promise<LoadResult>,
): Promise<LoadResult> {
  const siteDir = path.join(workDir, "served-site");
  const storeDir = path.join(workDir, "served-store");
  await fs.mkdir(siteDir, { recursive: true });
  await fs.writeFile(path.join(siteDir, "comment-manifest.json"), JSON.stringify({ language: "vi", articles: { "bai-tai": { url: "/tin/bai-tai/", open: true } } }));
  const port = await freePort();
  const child = spawn("npx", ["netlify", "functions:serve", "--offline", "--port", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
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
  const url = `http://127.0.0.1:${port}/api/comments`;
  try {
    const deadline = Date.now() + 90_000;
    while (!(await fetch(url).then((r) => r.status === 405, () => false))) {
      if (Date.now() > deadline) throw new Error("netlify functions:serve did not start within 90 s");
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const backend = createFileBackend(storeDir);
    return await drive(url, requests, concurrency, async () => (await backend.list("comments/")).length);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
}
