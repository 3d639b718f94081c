import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, prepareFixture, ROOT } from "../helpers/build-site.ts";
import { getFreePort, startProcess, type RunningProcess } from "../helpers/processes.ts";

// `netlify dev` as a developer runs it, offline, with the [dev] section of netlify.toml. Nothing
// is set up: no COMMENT_SALT, no store choice, no Netlify variables. The test only moves the
// content, the build output and the local store into a temporary folder and picks free ports
// (the same command as netlify.toml's, with --output and --port).
const run = promisify(execFile);
let temp: string;
let served: RunningProcess;
let port: number;
const env: Record<string, string> = {};

beforeAll(async () => {
  temp = await makeTempDir("netlify-dev");
  const outDir = path.join(temp, "site");
  Object.assign(env, {
    BANTIN_CONTENT_DIR: await prepareFixture("site", path.join(temp, "content")),
    BANTIN_CACHE_DIR: path.join(temp, "cache"),
    BANTIN_COMMENT_DIR: path.join(temp, "comments"),
    BANTIN_SITE_DIR: outDir,
    BANTIN_NOW: "2026-01-01T00:00:00Z",
    COMMENT_SALT: "",
    BANTIN_COMMENT_STORE: "",
    NETLIFY: "",
    NETLIFY_BLOBS_CONTEXT: "",
    MODERATION_TOKENS: "",
  });
  port = await getFreePort();
  const targetPort = await getFreePort();
  const toml = await fs.readFile(path.join(ROOT, "netlify.toml"), "utf8");
  expect(toml).toMatch(/\[dev\][^[]*command = "npm start"/);
  served = await startProcess(
    "npx",
    [
      "netlify",
      "dev",
      "--offline",
      "--internal-disable-edge-functions",
      "--port",
      String(port),
      "--target-port",
      String(targetPort),
      "--command",
      `node node_modules/@11ty/eleventy/cmd.cjs --config=eleventy.config.ts --serve --port=${targetPort} --output=${outDir}`,
    ],
    env,
    async () => (await fetch(`http://127.0.0.1:${port}/comment-manifest.json`)).ok,
    150_000,
  );
}, 180_000);

afterAll(async () => {
  await served?.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

describe("netlify dev with no setup", () => {
  it("sends /api/comments to the function: a GET is 405, not 503", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/comments`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("takes a form post (303) into the store that npm run comments lists", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/comments`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        slug: "nua-dem",
        name: "Lê Văn Tám",
        email: "tam@example.com",
        content: "Gửi qua netlify dev.",
        website: "",
      }),
    });
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get("location")).toBe("/tin-hoat-dong/nua-dem/?binh-luan=da-gui#binh-luan-da-gui");
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/comments.ts", "list"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    expect(stdout).toContain("Lê Văn Tám");
    expect(stdout).toContain("nua-dem");
    expect(served.output()).toContain("development salt");
  });
});
