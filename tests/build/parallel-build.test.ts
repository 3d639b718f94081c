import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCorpus } from "../../scripts/bench/corpus.ts";
import { buildSite, makeTempDir } from "../helpers/build-site.ts";

// Large sites are parsed and rendered on several threads; the result must not depend on that.
let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("parallel");
  await makeCorpus({ dir: path.join(temp, "content"), articles: 2100, photos: 0 });
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("a large site on one thread and on two", () => {
  it("writes the same pages with the same content", async () => {
    const build = (threads: string) =>
      buildSite({
        contentDir: path.join(temp, "content"),
        outDir: path.join(temp, `out-${threads}`),
        cacheDir: path.join(temp, `cache-${threads}`),
        env: { BANTIN_THREADS: threads, BANTIN_NOW: "2026-01-01T00:00:00Z" },
      });
    const [one, two] = [await build("1"), await build("2")];
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.stdout).toMatch(/rendered on 1 thread\(s\)/);
    expect(two.stdout).toMatch(/rendered on 2 thread\(s\)/);
    const files = await listFiles(one.outDir);
    expect(files.length).toBeGreaterThan(2100);
    expect(await listFiles(two.outDir)).toEqual(files);
    for (const file of files.filter((_, i) => i % 97 === 0)) {
      expect(await fs.readFile(path.join(two.outDir, file), "utf8"), file).toBe(await fs.readFile(path.join(one.outDir, file), "utf8"));
    }
  });
});
