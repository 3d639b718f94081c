import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideComments } from "../../lib/comments/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { buildSite, listFiles, makeTempDir, prepareFixture, ROOT } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";

// An incremental build into a kept folder with a kept cache must write exactly what a clean build
// into an empty folder with an empty cache writes: after every kind of change, byte for byte. That
// includes the search index in pagefind/: Pagefind writes the same bytes for the same records in the
// same order (lib/core/search-records.ts sorts them), so its files are compared like any other.
let temp: string;
let contentDir: string;
let layoutsDir: string;
let commentDir: string;
let store: CommentStore;
let now = "2021-12-11T12:00:00+07:00";
let clean = 0;
const outDir = () => path.join(temp, "out");

beforeAll(async () => {
  temp = await makeTempDir("incremental");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
  layoutsDir = path.join(temp, "layouts");
  await fs.cp(path.join(ROOT, "layouts"), layoutsDir, { recursive: true });
  commentDir = path.join(temp, "store");
  store = new CommentStore(createFileBackend(commentDir));
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

const env = () => ({ BANTIN_NOW: now, BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: commentDir, BANTIN_LAYOUTS_DIR: layoutsDir });

/** The modification time of every file under `dir`. */
async function readMtimes(dir: string): Promise<Map<string, number>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, (await fs.stat(path.join(dir, file))).mtimeMs] as const)));
}

/** Builds into the kept folder with the kept cache; returns the counts of its `pages:` line. */
async function buildIncrementally(): Promise<{ rendered: number; unchanged: number; deleted: number; line: string; search: string }> {
  const result = await buildSite({ contentDir, outDir: outDir(), cacheDir: path.join(temp, "cache"), env: env() });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const match = result.stdout.match(/\[bantin\] pages: (\d+) rendered, (\d+) unchanged, (\d+) deleted.*/);
  expect(match, result.stdout).not.toBeNull();
  const search = result.stdout.match(/\[bantin\] search index: (.*)/)?.[1] ?? "";
  expect(search, result.stdout).not.toBe("");
  return { rendered: Number(match![1]), unchanged: Number(match![2]), deleted: Number(match![3]), line: match![0], search };
}

/** Builds from scratch (fresh folder, fresh cache) and compares every file of both outputs. */
async function expectSameAsCleanBuild(): Promise<void> {
  clean++;
  const fresh = path.join(temp, `clean-${clean}`);
  const result = await buildSite({ contentDir, outDir: fresh, cacheDir: path.join(temp, `clean-cache-${clean}`), env: env() });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const files = await listFiles(fresh);
  expect(await listFiles(outDir())).toEqual(files);
  for (const file of files) {
    const [mine, theirs] = await Promise.all([fs.readFile(path.join(outDir(), file)), fs.readFile(path.join(fresh, file))]);
    expect(mine.equals(theirs), `${file} differs from a clean build`).toBe(true);
  }
  await fs.rm(fresh, { recursive: true, force: true });
}

async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  const text = await fs.readFile(file, "utf8");
  const edited = edit(text);
  expect(edited).not.toBe(text);
  await fs.writeFile(file, edited);
}

describe("an incremental build after each kind of change", () => {
  it("renders everything the first time, saying why", async () => {
    const first = await buildIncrementally();
    expect(first.unchanged).toBe(0);
    expect(first.line).toContain("(all rendered: no cache)");
    expect(first.search).toMatch(/^4 pages in /);
    expect(await listFiles(path.join(outDir(), "pagefind"))).toContain("2021/pagefind.js");
    await expectSameAsCleanBuild();
  });

  it("renders nothing and touches no file when nothing changed", async () => {
    const before = await readMtimes(outDir());
    const again = await buildIncrementally();
    expect(again).toMatchObject({ rendered: 0, deleted: 0 });
    expect(again.search).toMatch(/^unchanged \(4 pages, 1 shard\(s\)\)/);
    expect(await readMtimes(outDir())).toEqual(before);
    await expectSameAsCleanBuild();
  });

  it("renders only a handful of pages after a comment is approved", async () => {
    const comment = await seedComment(store, {
      slug: "nua-dem",
      name: "Bạn đọc",
      content: "Cảm ơn bài viết.",
      at: new Date("2021-12-11T01:00:00Z"),
    });
    await decideComments(store, [comment.id], "approved", "test", new Date("2021-12-11T02:00:00Z"));
    const before = await readMtimes(outDir());
    const build = await buildIncrementally();
    const after = await readMtimes(outDir());
    const touched = [...after.keys()].filter((file) => before.get(file) !== after.get(file));
    expect(touched).toContain("tin-hoat-dong/nua-dem/index.html");
    expect(touched).toContain("binh-luan/feed.xml");
    expect(touched).toHaveLength(build.rendered);
    expect(build.rendered).toBeGreaterThan(0);
    // A comment is not indexed: the index is not even rebuilt.
    expect(build.search).toMatch(/^unchanged /);
    expect(touched.filter((file) => file.startsWith("pagefind/"))).toEqual([]);
    // The article, the listings and related cards that print its comment count, the comment feed:
    // less than half of even this small site, and none of the pages a comment cannot change.
    expect(build.rendered).toBeLessThan((build.rendered + build.unchanged) / 2);
    for (const file of ["feed.xml", "sitemap.xml", "404.html", "admin/index.html", "robots.txt", "comment-manifest.json"]) {
      expect(after.has(file), file).toBe(true);
      expect(touched, file).not.toContain(file);
    }
    expect(touched.some((file) => file.startsWith("assets/") || file.startsWith("img/"))).toBe(false);
    await expectSameAsCleanBuild();
  });

  it("matches a clean build after an article is edited", async () => {
    const indexBefore = await listFiles(path.join(outDir(), "pagefind"));
    await editFile(path.join(contentDir, "articles/hai-nguoi/index.md"), (text) => `${text}\nMột đoạn thêm vào cuối bài.\n`);
    const build = await buildIncrementally();
    expect(build.rendered).toBeGreaterThan(0);
    // Indexed again, and the files of the old index that the new one does not have are gone.
    expect(build.search).toMatch(/^4 pages in .* \(1 of 1 shard\(s\) indexed: 2021; .* [1-9]\d* removed\)$/);
    expect(await listFiles(path.join(outDir(), "pagefind"))).not.toEqual(indexBefore);
    await expectSameAsCleanBuild();
  });

  it("matches a clean build after a photo is replaced while its article's file stays as it was", async () => {
    // The article's text is unchanged, so its parse is taken from the cache: its page must still
    // follow the new photo's shape (the fingerprint covers the photo sets, not only the parse).
    const page = path.join(outDir(), "tin-hoat-dong/nua-dem/index.html");
    const before = await fs.readFile(page, "utf8");
    await sharp({ create: { width: 1600, height: 500, channels: 3, background: { r: 20, g: 160, b: 60 } } })
      .jpeg({ quality: 80 })
      .toFile(path.join(contentDir, "articles/nua-dem/than-bai.jpg"));
    const build = await buildIncrementally();
    expect(build.rendered).toBeGreaterThan(0);
    expect(await fs.readFile(page, "utf8")).not.toBe(before);
    await expectSameAsCleanBuild();
  });

  it("matches a clean build after an article is removed", async () => {
    await fs.rm(path.join(contentDir, "articles/tieu-de-nguy-hiem"), { recursive: true });
    const build = await buildIncrementally();
    expect(build.deleted).toBeGreaterThan(0);
    expect(build.search).toMatch(/^3 pages in /);
    await expectSameAsCleanBuild();
  });

  it("renders everything after a template is edited", async () => {
    await editFile(path.join(layoutsDir, "_includes/base.njk"), (text) =>
      text.replace("</body>", "<p>Một dòng mới ở chân trang.</p>\n</body>"),
    );
    const build = await buildIncrementally();
    expect(build.unchanged).toBe(0);
    expect(build.line).toContain("(all rendered: templates changed)");
    await expectSameAsCleanBuild();
  });

  it("matches a clean build after the site settings are edited", async () => {
    await editFile(path.join(contentDir, "site.json"), (text) => text.replace("Trang thử nghiệm của bantin", "Trang thử nghiệm mới"));
    expect((await buildIncrementally()).rendered).toBeGreaterThan(0);
    await expectSameAsCleanBuild();
  });

  it("matches a clean build after the clock passes midnight", async () => {
    now = "2021-12-12T12:00:00+07:00";
    await buildIncrementally();
    await expectSameAsCleanBuild();
  });

  it("matches a clean build when an embargo falls due", async () => {
    now = "2030-01-02T12:00:00+07:00";
    const before = await listFiles(outDir());
    await buildIncrementally();
    const added = (await listFiles(outDir())).filter((file) => !before.includes(file));
    expect(added.some((file) => file.endsWith("cam-dang/index.html"))).toBe(true);
    // An article of a new year: a shard of its own, listed first; the 2021 shard is not touched.
    expect(added).toContain("pagefind/2030/pagefind.js");
    expect(JSON.parse(await fs.readFile(path.join(outDir(), "pagefind/shards.json"), "utf8"))).toEqual({
      shards: ["/pagefind/2030/", "/pagefind/2021/"],
    });
    await expectSameAsCleanBuild();
  });

  it("re-indexes only the shard of the year whose article was edited", async () => {
    const before = await readMtimes(path.join(outDir(), "pagefind"));
    await editFile(path.join(contentDir, "articles/cam-dang/index.md"), (text) => `${text}\nMột đoạn thêm vào bài năm 2030.\n`);
    const build = await buildIncrementally();
    expect(build.search).toMatch(/^4 pages in .* \(1 of 2 shard\(s\) indexed: 2030; [1-9]\d* file\(s\) written/);
    const after = await readMtimes(path.join(outDir(), "pagefind"));
    const touched = [...after.keys()].filter((file) => before.get(file) !== after.get(file));
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.filter((file) => !file.startsWith("2030/"))).toEqual([]);
    await expectSameAsCleanBuild();
  });

  it("deletes the shard of a year with no article left", async () => {
    const article = path.join(contentDir, "articles/cam-dang");
    const kept = path.join(temp, "cam-dang");
    await fs.rename(article, kept);
    const build = await buildIncrementally();
    expect(build.search).toMatch(/^3 pages in .* \(0 of 1 shard\(s\) indexed; 1 file\(s\) written, [1-9]\d* removed\)$/);
    expect((await listFiles(path.join(outDir(), "pagefind"))).filter((file) => file.startsWith("2030/"))).toEqual([]);
    await expectSameAsCleanBuild();
    await fs.rename(kept, article);
    expect((await buildIncrementally()).search).toMatch(/\(1 of 2 shard\(s\) indexed: 2030;/);
    await expectSameAsCleanBuild();
  });

  it("writes a page again when its file is gone, and everything when the folder was emptied", async () => {
    await fs.rm(path.join(outDir(), "tin-hoat-dong/nua-dem/index.html"));
    expect((await buildIncrementally()).rendered).toBe(1);
    await expectSameAsCleanBuild();
    // An index file gone: indexed again though no record changed.
    await fs.rm(path.join(outDir(), "pagefind/2021/pagefind.js"));
    expect((await buildIncrementally()).search).toMatch(/\(1 of 2 shard\(s\) indexed: 2021; 1 file\(s\) written, 0 removed\)$/);
    await expectSameAsCleanBuild();
    await fs.rm(outDir(), { recursive: true });
    const build = await buildIncrementally();
    expect(build.unchanged).toBe(0);
    expect(build.line).toContain("(all rendered: output folder empty)");
    await expectSameAsCleanBuild();
  });

  it("renders everything, and only what is needed after, when the cache is damaged", async () => {
    const manifests = path.join(temp, "cache", "output");
    for (const name of await fs.readdir(manifests)) await fs.writeFile(path.join(manifests, name), "{ not json");
    const build = await buildIncrementally();
    expect(build.line).toContain("(all rendered: cache damaged)");
    await expectSameAsCleanBuild();
    expect((await buildIncrementally()).rendered).toBe(0);
  });
});
