import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, listFiles, makeTempDir } from "../helpers/build-site.ts";
import { startDevSite } from "../helpers/dev-server.ts";

// `npm start` takes a save that changed one article's text alone on a short path (lib/build/
// text-edit.ts): it renders that page and the feeds only. Its output must still be the output of a
// clean build of the same content, byte for byte, and so must the full builds after it.
const NOW = "2026-01-01T00:00:00Z";
let dev: Awaited<ReturnType<typeof startDevSite>>;
let temp: string;
beforeAll(async () => {
  dev = await startDevSite({ BANTIN_NOW: NOW });
  temp = await makeTempDir("dev-text-edit");
}, 120_000);
afterAll(async () => {
  await dev?.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

async function waitFor(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > ms) throw new Error(`timed out; server output:\n${dev.server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every file of the dev server's output but the search index (written in the background). */
async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = (await listFiles(dir)).filter((file) => !file.startsWith(`pagefind${path.sep}`));
  return new Map(await Promise.all(files.map(async (file) => [file, await fs.readFile(path.join(dir, file))] as const)));
}

/** Builds the dev server's content afresh, as `npm start` would show it, and compares the trees. */
async function expectSameAsCleanBuild(round: number): Promise<void> {
  const outDir = path.join(temp, `clean-${round}`);
  const built = await buildSite({
    contentDir: dev.contentDir,
    outDir,
    cacheDir: path.join(temp, `cache-${round}`),
    env: { BANTIN_NOW: NOW, BANTIN_PREVIEW: "1" },
  });
  expect(built.code, built.stderr).toBe(0);
  const [served, clean] = [await readTree(dev.outDir), await readTree(outDir)];
  expect([...served.keys()]).toEqual([...clean.keys()]);
  const differing = [...clean].filter(([file, bytes]) => !served.get(file)!.equals(bytes)).map(([file]) => file);
  expect(differing).toEqual([]);
}

describe("npm start, a save that changes one article's text", () => {
  it("renders its page and the feeds only, and the output is a clean build's", async () => {
    const file = path.join(dev.contentDir, "articles/them-mot-bai.md");
    const page = path.join(dev.outDir, "doi-song/them-mot-bai/index.html");
    const original = await fs.readFile(file, "utf8");
    await fs.writeFile(file, `${original}\nMột đoạn viết thêm khi xem thử.\n`);
    await waitFor(async () => (await fs.readFile(page, "utf8")).includes("Một đoạn viết thêm khi xem thử."));
    await waitFor(async () => /pages: \d+ rendered, \d+ unchanged, 0 deleted \(one article's text changed/.test(dev.server.output()));
    expect(dev.server.output()).toMatch(/only the text of .*them-mot-bai\.md changed/);
    await expectSameAsCleanBuild(1);

    // A change to the front matter takes the full path, after the short one left older fingerprints.
    await fs.writeFile(
      file,
      `${original.replace("title: Thêm một bài đời sống", "title: Thêm một bài đời sống, sửa tên")}\nMột đoạn viết thêm khi xem thử.\n`,
    );
    await waitFor(async () => (await fs.readFile(page, "utf8")).includes("sửa tên"));
    await waitFor(async () =>
      /\(one article's text changed[\s\S]*pages: \d+ rendered, \d+ unchanged, \d+ deleted ·/.test(dev.server.output()),
    );
    await expectSameAsCleanBuild(2);
  }, 180_000);
});
