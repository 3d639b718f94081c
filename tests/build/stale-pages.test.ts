import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, listFiles, makeTempDir, prepareFixture } from "../helpers/build-site.ts";

const NOW = "2021-12-11T12:00:00+07:00";
let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("stale");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("a build into a folder holding an earlier build", () => {
  it("removes the pages and photos of an article set back to draft, and changes nothing else", async () => {
    const content = await prepareFixture("site", path.join(temp, "content"));
    const cacheDir = path.join(temp, "cache");
    const outDir = path.join(temp, "out");
    const first = await buildSite({ contentDir: content, outDir, cacheDir, env: { BANTIN_NOW: NOW } });
    expect(first.code, first.stderr).toBe(0);
    const before = await listFiles(outDir);
    const page = "tin-hoat-dong/nua-dem/index.html";
    expect(before).toContain(page);

    const file = path.join(content, "articles/nua-dem/index.md");
    await fs.writeFile(
      file,
      (await fs.readFile(file, "utf8")).replace("section: Tin hoạt động\n", "section: Tin hoạt động\ndraft: true\n"),
    );
    const second = await buildSite({ contentDir: content, outDir, cacheDir, env: { BANTIN_NOW: NOW } });
    expect(second.code, second.stderr).toBe(0);
    const fresh = await buildSite({ contentDir: content, outDir: path.join(temp, "fresh"), cacheDir, env: { BANTIN_NOW: NOW } });
    expect(fresh.code, fresh.stderr).toBe(0);

    const after = await listFiles(outDir);
    expect(after).not.toContain(page);
    expect(after.filter((name) => name.startsWith("img/")).length).toBeLessThan(before.filter((name) => name.startsWith("img/")).length);
    // Exact: the same files as a build into an empty folder, and every file that stays was kept,
    // but for the search index, which is rebuilt for one article less (its file names are hashes).
    expect(after).toEqual(await listFiles(fresh.outDir));
    expect(after.filter((name) => !name.startsWith("pagefind/")).every((name) => before.includes(name))).toBe(true);
    expect(second.stdout).toMatch(/search index: 3 pages in .* [1-9]\d* removed\)/);
  });
});
