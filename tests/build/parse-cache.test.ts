import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackFile } from "../../lib/build/pack-file.ts";
import { hashParserSources, listParserModules } from "../../lib/build/parse-cache.ts";
import { buildSite, makeTempDir, prepareFixture, ROOT } from "../helpers/build-site.ts";

// Real builds of the fixture site with one kept cache: the build log says how many article files it
// parsed and how many it took from the parse cache (BANTIN_CACHE_DIR/parsed).
let temp: string;
let contentDir: string;
const cacheDir = () => path.join(temp, "cache");
const ARTICLES = 6;

beforeAll(async () => {
  temp = await makeTempDir("parse-cache");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

/** The files of the cache folder, and the article paths of all entries in its packs. */
async function listEntries(): Promise<{ names: string[]; files: string[] }> {
  const dir = path.join(cacheDir(), "parsed");
  const names = (await fs.readdir(dir)).sort();
  const files: string[] = [];
  for (const name of names) files.push(...readPackFile(path.join(dir, name)).keys());
  return { names, files: files.sort() };
}

/** Builds with the kept cache; returns the counts of the `articles:` line and the output. */
async function build(): Promise<{ code: number | null; parsed: number; cached: number; output: string }> {
  const result = await buildSite({
    contentDir,
    outDir: path.join(temp, "out"),
    cacheDir: cacheDir(),
    env: { BANTIN_NOW: "2030-01-01T00:00:00Z" },
  });
  const output = result.stdout + result.stderr;
  const match = output.match(/· (\d+) parsed, (\d+) from cache ·/);
  return { code: result.code, parsed: Number(match?.[1] ?? -1), cached: Number(match?.[2] ?? -1), output };
}

describe("the parse cache", () => {
  it("parses every file the first time and none when nothing changed", async () => {
    const first = await build();
    expect(first.code, first.output).toBe(0);
    expect(first).toMatchObject({ parsed: ARTICLES, cached: 0 });
    // A site this small is prepared on one thread: one pack holds every entry.
    expect(await listEntries()).toMatchObject({ names: ["pack-0.v8"], files: expect.any(Array) });
    expect((await listEntries()).files).toHaveLength(ARTICLES);
    const again = await build();
    expect(again.code, again.output).toBe(0);
    expect(again).toMatchObject({ parsed: 0, cached: ARTICLES });
  });

  it("parses an edited article again, and only that one", async () => {
    const file = path.join(contentDir, "articles/hai-nguoi/index.md");
    await fs.appendFile(file, "\nMột câu mới ở cuối bài.\n");
    const edited = await build();
    expect(edited.code, edited.output).toBe(0);
    expect(edited).toMatchObject({ parsed: 1, cached: ARTICLES - 1 });
    const page = await fs.readFile(path.join(temp, "out/tin-hoat-dong/hai-nguoi/index.html"), "utf8");
    expect(page).toContain("Một câu mới ở cuối bài.");
  });

  it("still stops the build when a cached article's photo is removed", async () => {
    const photo = path.join(contentDir, "articles/nua-dem/than-bai.jpg");
    const kept = await fs.readFile(photo);
    await fs.rm(photo);
    const broken = await build();
    expect(broken.code).not.toBe(0);
    expect(broken.output).toContain("articles/nua-dem/index.md");
    expect(broken.output).toContain("./than-bai.jpg");
    await fs.writeFile(photo, kept);
    const fixed = await build();
    expect(fixed.code, fixed.output).toBe(0);
    expect(fixed).toMatchObject({ parsed: 0, cached: ARTICLES });
  });

  it("ignores a damaged pack, parses its files again and rewrites it", async () => {
    const pack = path.join(cacheDir(), "parsed/pack-0.v8");
    const kept = await fs.readFile(pack);
    await fs.writeFile(pack, "not a cache entry");
    const damaged = await build();
    expect(damaged.code, damaged.output).toBe(0);
    expect(damaged).toMatchObject({ parsed: ARTICLES, cached: 0 });
    expect(await build()).toMatchObject({ parsed: 0, cached: ARTICLES });
    await fs.writeFile(pack, kept.subarray(0, 40));
    expect(await build()).toMatchObject({ parsed: ARTICLES, cached: 0 });
    expect(await build()).toMatchObject({ parsed: 0, cached: ARTICLES });
  });

  it("finds entries in another thread's pack, and removes packs and files it does not use", async () => {
    const dir = path.join(cacheDir(), "parsed");
    await fs.rename(path.join(dir, "pack-0.v8"), path.join(dir, "pack-3.v8"));
    await fs.writeFile(path.join(dir, "0123abcd.v8"), "an entry of the older one-file-per-article cache");
    const moved = await build();
    expect(moved.code, moved.output).toBe(0);
    expect(moved).toMatchObject({ parsed: 0, cached: ARTICLES });
    expect((await listEntries()).names).toEqual(["pack-0.v8"]);
  });

  it("drops the entry of a removed article", async () => {
    await fs.rm(path.join(contentDir, "articles/them-mot-bai.md"));
    const result = await build();
    expect(result.code, result.output).toBe(0);
    expect(result).toMatchObject({ parsed: 0, cached: ARTICLES - 1 });
    const { names, files } = await listEntries();
    expect(names).toEqual(["pack-0.v8"]);
    expect(files).toHaveLength(ARTICLES - 1);
    expect(files).not.toContain("articles/them-mot-bai.md");
  });
});

describe("hashParserSources", () => {
  it("changes when any module the parser imports changes, however deep", async () => {
    const dir = path.join(temp, "modules");
    await fs.mkdir(path.join(dir, "core"), { recursive: true });
    await fs.writeFile(path.join(dir, "entry.ts"), 'import { a } from "./core/a.ts";\nexport const x = a;\n');
    await fs.writeFile(path.join(dir, "core/a.ts"), 'import type { B } from "./b.ts";\nexport const a = 1 as B;\n');
    await fs.writeFile(path.join(dir, "core/b.ts"), "export type B = number;\n");
    const entry = new URL(`file://${path.join(dir, "entry.ts")}`);
    const before = hashParserSources(entry);
    expect(hashParserSources(entry)).toBe(before);
    await fs.writeFile(path.join(dir, "core/b.ts"), "export type B = number; // changed\n");
    expect(hashParserSources(entry)).not.toBe(before);
  });

  it("covers the real parser: markdown, front matter, schema, messages and their packages", () => {
    const { files, packages } = listParserModules();
    const relative = files.map((file) => path.relative(ROOT, file));
    for (const module of [
      "lib/build/prepare-articles.ts",
      "lib/build/read-content.ts",
      "lib/build/parse-cache.ts",
      "lib/core/markdown.ts",
      "lib/core/front-matter.ts",
      "lib/core/article-schema.ts",
      "lib/core/locales/writers-vi.ts",
      "lib/core/locales/writers-en.ts",
    ])
      expect(relative).toContain(module);
    expect(packages).toEqual(expect.arrayContaining(["markdown-it", "js-yaml", "zod"]));
  });
});
