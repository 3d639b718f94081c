import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachBodies, detachBodies, readPackFile, writePackFile, type PackEntry } from "../../../lib/build/pack-file.ts";
import type { ParsedFile } from "../../../lib/build/parse-cache.ts";
import type { PreparedArticle } from "../../../lib/core/article.ts";
import { makeTempDir } from "../../helpers/build-site.ts";

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir("pack-file");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** An entry whose article body is `html` (its other fields are not what this file is about). */
function makeEntry(file: string, html: string): PackEntry {
  const article = { file, slug: file, sectionSlug: "tin", tags: [], photoSources: [], data: { title: file }, body: { html, photos: [] } };
  const parsed: ParsedFile = {
    file,
    article: article as unknown as PreparedArticle,
    problems: [],
    isDraft: false,
    photos: [],
    entry: null,
  };
  return { key: `key-${file}`, parsed, signature: null };
}

const BODIES: Record<string, string> = {
  "a.md": "<p>Cải cách hành chính</p>",
  "b.md": `<p>${"Người lao động ".repeat(120_000)}</p>`,
  "c.md": "",
};

function writeSample(file: string): Map<string, PackEntry> {
  const entries = new Map(Object.entries(BODIES).map(([name, html]) => [name, makeEntry(name, html)]));
  const broken: PackEntry = { key: "k", parsed: { file: "d.md", article: null, problems: [], isDraft: false, photos: [], entry: null } };
  entries.set("d.md", broken);
  writePackFile(file, `${file}.tmp`, entries);
  return entries;
}

const bodyOf = (entries: Map<string, PackEntry>, name: string) => entries.get(name)?.parsed.article?.body.html;

describe("pack files", () => {
  it("keeps every entry and reads each body back byte for byte, on demand", async () => {
    const file = path.join(dir, "pack-0.v8");
    const written = writeSample(file);
    // The written entries now read their bodies from the file, too.
    for (const [name, html] of Object.entries(BODIES)) expect(bodyOf(written, name)).toBe(html);
    const read = readPackFile(file);
    expect([...read.keys()]).toEqual(["a.md", "b.md", "c.md", "d.md"]);
    expect(read.get("d.md")?.parsed.article).toBeNull();
    for (const [name, html] of Object.entries(BODIES)) expect(bodyOf(read, name)).toBe(html);
    expect(read.get("a.md")).toMatchObject({ key: "key-a.md", parsed: { article: { data: { title: "a.md" } } } });
    expect(await fs.readdir(dir)).toEqual(["pack-0.v8"]);
  });

  it("rewrites a pack from one it read, and a body read before the rewrite still reads its own bytes", async () => {
    const file = path.join(dir, "pack-1.v8");
    writeSample(file);
    const first = readPackFile(file);
    const changed = new Map(first);
    changed.set("a.md", makeEntry("a.md", "<p>Bản sửa</p>"));
    const before = first.get("b.md")!.parsed.article!.body;
    writePackFile(file, `${file}.tmp`, changed);
    const again = readPackFile(file);
    expect(bodyOf(again, "a.md")).toBe("<p>Bản sửa</p>");
    expect(bodyOf(again, "b.md")).toBe(BODIES["b.md"]);
    expect(before.html).toBe(BODIES["b.md"]);
  });

  it("reads a damaged, cut or foreign file as empty", async () => {
    const file = path.join(dir, "pack-2.v8");
    writeSample(file);
    const whole = await fs.readFile(file);
    for (const damaged of [whole.subarray(0, whole.length - 1), Buffer.from("not a pack"), Buffer.concat([whole, Buffer.from("x")])]) {
      await fs.writeFile(file, damaged);
      expect(readPackFile(file).size).toBe(0);
    }
    expect(readPackFile(path.join(dir, "missing.v8")).size).toBe(0);
  });

  it("sends bodies between threads as places in the pack, and says which pack was rewritten meanwhile", () => {
    const file = path.join(dir, "pack-3.v8");
    const entries = writeSample(file);
    const articles = [...entries.values()].map((entry) => entry.parsed.article);
    const refs = detachBodies(articles);
    expect(articles.map((article) => article?.body.html)).toEqual(["", "", "", undefined]);
    const posted = structuredClone({ articles, refs });
    expect(attachBodies(posted.articles, posted.refs)).toEqual([]);
    expect(posted.articles.map((article) => article?.body.html)).toEqual([...Object.values(BODIES), undefined]);

    const second = structuredClone({ articles, refs });
    writeSample(file);
    expect(attachBodies(second.articles, second.refs)).toEqual([0, 1, 2]);
  });
});
