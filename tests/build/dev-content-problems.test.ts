import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevSite } from "../helpers/dev-server.ts";

let dev: Awaited<ReturnType<typeof startDevSite>>;
beforeAll(async () => {
  dev = await startDevSite();
}, 120_000);
afterAll(async () => {
  await dev?.stop();
});

/** Polls until `check` is true or the time is up. */
async function waitFor(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > ms) throw new Error(`timed out; server output:\n${dev.server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("npm start meets a content problem", () => {
  it("lists it without a stack trace, keeps serving the last good build, and rebuilds once it is fixed", async () => {
    const file = path.join(dev.contentDir, "articles/them-mot-bai.md");
    const good = await fs.readFile(file, "utf8");
    await fs.writeFile(file, good.replace("author: Lan Phương\n", "autor: Lan Phương\n"));
    await waitFor(async () => dev.server.output().includes("npm start vẫn hiện bản dựng tốt gần nhất"));
    const output = dev.server.output();
    expect(output).toMatch(/dòng 4, autor: không phải trường được hỗ trợ; có phải ý bạn là "author"\?/);
    expect(output).not.toMatch(/\n\s*(?:\[11ty\]\s+)?at |Eleventy Fatal Error/);
    expect(dev.server.child.exitCode).toBeNull();
    expect((await fetch(`${dev.origin}/doi-song/them-mot-bai/`)).status).toBe(200);

    await fs.writeFile(file, good.replace("author: Lan Phương\n", "author: Lan Phương\ndraft: true\n"));
    await waitFor(async () => (await fetch(`${dev.origin}/doi-song/them-mot-bai/`)).status === 404);
  }, 150_000);
});
