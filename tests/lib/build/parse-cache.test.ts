import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openParseCache, readSignature } from "../../../lib/build/parse-cache.ts";
import { prepareFiles } from "../../../lib/build/prepare-articles.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";
import { makeTempDir } from "../../helpers/build-site.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example" }) as { config: SiteConfig }).config;
const article = (title: string) =>
  `---\ntitle: ${title}\ndate: 2021-12-08T16:30:00+07:00\nauthor: Anh Khôi\nsection: Đời sống\n---\nThân bài.\n`;

const HOUR_AGO = Math.floor(Date.now() / 1000) - 3600;

let root: string;
let file: string;
const cacheDir = () => path.join(root, "cache");
beforeAll(async () => {
  root = await makeTempDir("signature");
  file = path.join(root, "content/articles/tin/index.md");
  await fs.mkdir(path.dirname(file), { recursive: true });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await fs.rm(root, { recursive: true, force: true });
});

/** Prepares the one article with the cache, counting reads of the article file itself. */
function prepareCounting() {
  const read = vi.spyOn(fsSync, "readFileSync");
  try {
    const [prepared] = prepareFiles([file], root, config, openParseCache(cacheDir(), config));
    const reads = read.mock.calls.filter(([target]) => target === file).length;
    return { prepared: prepared!, reads };
  } finally {
    read.mockRestore();
  }
}

describe("the parse cache's stat signatures", () => {
  it("gives none for a file changed in the last two seconds, one afterwards", async () => {
    await fs.writeFile(file, article("Tin một"));
    const cache = openParseCache(cacheDir(), config);
    expect(readSignature(cache, file)).toBeNull();
    expect(readSignature(cache, file, Date.now() + 2500)).toMatch(/:\d+:\d+:\d+:\d+$/);
    expect(readSignature(cache, path.join(root, "missing.md"))).toBeNull();
  });

  it("does not read a settled file again whose size, times and inode are unchanged", async () => {
    await fs.writeFile(file, article("Tin một"));
    // A whole second, so that the next test can put this time back exactly.
    await fs.utimes(file, HOUR_AGO, HOUR_AGO);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const first = prepareCounting();
    expect(first).toMatchObject({ reads: 1, prepared: { fromCache: false } });
    const second = prepareCounting();
    expect(second).toMatchObject({ reads: 0, prepared: { fromCache: true } });
    expect(second.prepared.article?.data.title).toBe("Tin một");
  });

  it("reads and parses again a file rewritten to the same size with its old modification time put back", async () => {
    const before = await fs.stat(file, { bigint: true });
    await fs.writeFile(file, article("Tin mốt"));
    await fs.utimes(file, HOUR_AGO, HOUR_AGO);
    const now = await fs.stat(file, { bigint: true });
    expect([now.size, now.mtimeNs, now.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    // Settled again, so only the change time (which no program can set back) tells the difference.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const after = prepareCounting();
    expect(after).toMatchObject({ reads: 1, prepared: { fromCache: false } });
    expect(after.prepared.article?.data.title).toBe("Tin mốt");
  });
});
