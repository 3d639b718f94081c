import fs from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSiteConfig, type SiteConfig } from "../../lib/core/site-config.ts";
import { MAX_ARTICLE_BYTES } from "../../lib/build/read-content.ts";
import { prepareFiles } from "../../lib/build/prepare-articles.ts";
import { makeTempDir } from "../helpers/build-site.ts";
import { makeAliasBombRows } from "../helpers/alias-bomb.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example" }) as { config: SiteConfig }).config;
const head = "---\ntitle: Tin\ndate: 2021-12-08T16:30:00+07:00\nauthor: Anh Khôi\nsection: Đời sống\n";

const PNG_START = Buffer.from("\x89PNG\r\n\x1a\n", "latin1");

let root: string;
beforeAll(async () => {
  root = await makeTempDir("prepare");
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Writes `articles/<name>/index.md` under the temporary root and prepares it. */
async function prepare(name: string, content: string | Uint8Array) {
  const file = path.join(root, "content/articles", name, "index.md");
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  const started = performance.now();
  const [prepared] = prepareFiles([file], root, config);
  return { ...prepared!, seconds: (performance.now() - started) / 1000 };
}

describe("files no article should be", () => {
  it("turns a 528-byte YAML alias bomb into a problem with file and line, in well under a second", async () => {
    const rows = makeAliasBombRows();
    const result = await prepare("bom", `---\n${rows.join("\n")}\n---\nThân bài\n`);
    expect(result.seconds).toBeLessThan(0.5);
    expect(result.article).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ file: "content/articles/bom/index.md", line: 3, message: expect.stringContaining("bí danh YAML") }),
    ]);
  });

  it("refuses a file over the size limit, a NUL byte and bytes that are not UTF-8, naming file and line", async () => {
    const large = await prepare("lon", `${head}---\n${"Đoạn văn dài. ".repeat(MAX_ARTICLE_BYTES / 10)}`);
    expect(large.problems).toEqual([
      expect.objectContaining({
        file: "content/articles/lon/index.md",
        field: "(file)",
        message: expect.stringContaining(String(MAX_ARTICLE_BYTES)),
      }),
    ]);
    const nul = await prepare("nul", `${head}---\nDòng một\nDòng\u0000 hai\n`);
    expect(nul.problems).toEqual([
      expect.objectContaining({ file: "content/articles/nul/index.md", line: 8, message: expect.stringContaining("NUL") }),
    ]);
    const latin1 = await prepare(
      "latin1",
      Buffer.concat([Buffer.from(`${head}---\nDòng một\n`), Buffer.from([0x43, 0xe0, 0x20, 0xff, 0x0a])]),
    );
    expect(latin1.problems).toEqual([
      expect.objectContaining({ file: "content/articles/latin1/index.md", line: 8, message: expect.stringContaining("UTF-8") }),
    ]);
  });

  it("still checks the body's photos when the front matter is not YAML", async () => {
    const result = await prepare("yaml-hong", "---\ntitle: Tin: mới\n---\nĐoạn văn.\n\n![](./khong-co.jpg)\n");
    expect(result.problems.map((p) => [p.field, p.line])).toEqual([
      ["(front matter)", 2],
      ["body", 6],
      ["body", 6],
    ]);
    expect(result.problems[2]!.message).toContain('không có tệp ảnh "./khong-co.jpg"');
  });

  it("turns front matter nested a hundred thousand deep into a problem, not a stack overflow", async () => {
    const result = await prepare("sau", `---\ntitle: ${"[".repeat(100_000)}\n---\n`);
    expect(result.problems).toEqual([expect.objectContaining({ file: "content/articles/sau/index.md", field: "(front matter)" })]);
  });
});

describe("any bytes as an article file", () => {
  it("yield an article or problems naming the file, never an exception, and fast", async () => {
    const file = path.join(root, "content/articles/bat-ky/index.md");
    await fs.mkdir(path.dirname(file), { recursive: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.string({ unit: "grapheme", maxLength: 400 }).map((text) => new TextEncoder().encode(`---\n${text}\n---\n${text}`)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        await fs.writeFile(file, content);
        const started = performance.now();
        const [prepared] = prepareFiles([file], root, config);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(prepared!.article !== null || prepared!.problems.length > 0).toBe(true);
        for (const problem of prepared!.problems) expect(problem.file).toBe("content/articles/bat-ky/index.md");
      }),
      { numRuns: 150 },
    );
  });
});

describe("photos from outside the article's folder", () => {
  it("refuses an absolute path, a path up out of the folder and a symlink out of the content, with file and line", async () => {
    const secret = path.join(root, "secret.png");
    await fs.writeFile(secret, "not for the web");
    const dir = path.join(root, "content/articles/ngoai");
    await fs.mkdir(dir, { recursive: true });
    await fs.symlink(secret, path.join(dir, "lien-ket.png"));
    await fs.writeFile(path.join(dir, "that.png"), PNG_START);
    const result = await prepare(
      "ngoai",
      `${head}image:\n  src: ${secret}\n  alt: Ảnh\n---\n![Ảnh một](../../../secret.png)\n\n![Ảnh hai](./lien-ket.png)\n\n![Ảnh ba](./that.png)\n`,
    );
    const file = "content/articles/ngoai/index.md";
    expect(result.article).toBeNull();
    expect(result.problems.map((p) => [p.file, p.field, p.line])).toEqual([
      [file, "image.src", 7],
      [file, "body", 10],
      [file, "body", 12],
    ]);
    for (const problem of result.problems) expect(problem.message).toContain("nằm ngoài thư mục của bài viết");
    expect(result.photoPaths).toEqual([["./that.png", await fs.realpath(path.join(dir, "that.png"))]]);
  });

  it("refuses a file that is not a photo, though named like one", async () => {
    const dir = path.join(root, "content/articles/khong-phai-anh");
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "anh.jpg"), "<html>a saved web page</html>");
    const result = await prepare("khong-phai-anh", `${head}---\n![Ảnh](./anh.jpg)\n`);
    expect(result.problems).toEqual([
      expect.objectContaining({ field: "body", line: 7, message: expect.stringContaining("không phải tệp ảnh") }),
    ]);
  });

  it("lets a single-file article use photos in the folder holding it", async () => {
    const dir = path.join(root, "content/articles/mot-tep");
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "anh.png"), PNG_START);
    const file = path.join(dir, "bai.md");
    await fs.writeFile(file, `${head}---\n![Ảnh](./anh.png)\n`);
    const [prepared] = prepareFiles([file], root, config);
    expect(prepared!.problems).toEqual([]);
  });
});
