import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, makeTempDir, prepareFixture, ROOT } from "../helpers/build-site.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("writers");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

const run = (script: string, args: string[], contentDir: string) =>
  spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, BANTIN_CONTENT_DIR: contentDir, BANTIN_NOW: "2021-12-08T09:30:00Z" },
    encoding: "utf8",
  });

/** The first bytes of a JPEG file: enough for the checks, which never decode a photo. */
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

/** Signs of a stack trace or of Eleventy's own error report in a writer's output. */
const STACK_TRACE = /\n\s+at |node_modules|Eleventy Fatal Error|Problem writing Eleventy templates/;

describe("npm run new and npm run check", () => {
  it("creates a draft skeleton in the right place, counts it, and never overwrites it", async () => {
    const content = await prepareFixture("site", path.join(temp, "content"));
    expect(run("check-content.ts", [], content).stdout).toContain("Nội dung hợp lệ: 6 bài viết (1 bản nháp) trong 2 chuyên mục.");
    const created = run("new-article.ts", ["Khánh thành cầu mới qua sông Hồng", "--section", "Đời sống", "--author", "Anh Khôi"], content);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("Đã tạo");
    const file = path.join(content, "articles/khanh-thanh-cau-moi-qua-song-hong/index.md");
    const text = await fs.readFile(file, "utf8");
    expect(text).toContain("title: Khánh thành cầu mới qua sông Hồng");
    expect(text).toContain("date: '2021-12-08T16:30:00+07:00'");
    expect(text).toContain("section: Đời sống");
    expect(text).toContain("draft: true");
    const check = run("check-content.ts", [], content);
    expect(check.stdout).toContain("Nội dung hợp lệ: 7 bài viết (2 bản nháp, 1 còn lỗi) trong 2 chuyên mục.");
    expect(check.stderr).toMatch(
      /cảnh báo \(bản nháp\) .*khanh-thanh-cau-moi-qua-song-hong\/index\.md: dòng 10, body: vẫn còn chữ mẫu "Viết nội dung bài ở đây\."/,
    );
    expect(check.status).toBe(0);
    await fs.writeFile(file, `${text}\nthêm một dòng\n`);
    const again = run("new-article.ts", ["Khánh thành cầu mới qua sông Hồng"], content);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("đã có; mở bài đó, hoặc chọn tiêu đề khác");
    expect(again.stderr).not.toMatch(STACK_TRACE);
    expect(await fs.readFile(file, "utf8")).toContain("thêm một dòng");
  });

  it("refuses to publish a skeleton that still holds placeholders, and takes --image and --tags", async () => {
    const content = await prepareFixture("site", path.join(temp, "placeholders"));
    const photo = path.join(temp, "anh-cau.jpg");
    await fs.writeFile(photo, JPEG_START);
    const created = run("new-article.ts", ["Cầu mới", "--image", photo, "--tags", "giao thông, cầu đường, "], content);
    expect(created.status).toBe(0);
    const dir = path.join(content, "articles/cau-moi");
    expect(await fs.readFile(path.join(dir, "anh-cau.jpg"))).toEqual(JPEG_START);
    const text = await fs.readFile(path.join(dir, "index.md"), "utf8");
    expect(text).toContain("image:\n  src: ./anh-cau.jpg\n  alt: Mô tả điều ảnh cho thấy\n");
    expect(text).toContain("tags:\n  - giao thông\n  - cầu đường\n");
    await fs.writeFile(path.join(dir, "index.md"), text.replace("draft: true\n", ""));
    const check = run("check-content.ts", [], content);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("Có 4 lỗi trong 1 tệp; chưa xuất bản gì.");
    for (const [line, field, placeholder] of [
      [4, "author", "Tên phóng viên"],
      [6, "lead", "BTT –"],
      [9, "image.alt", "Mô tả điều ảnh cho thấy"],
      [14, "body", "Viết nội dung bài ở đây."],
    ]) {
      expect(check.stderr).toContain(`- dòng ${line}, ${field}: vẫn còn chữ mẫu "${placeholder}"`);
    }
  });

  it("counts and words things in English too", async () => {
    const content = await prepareFixture("site", path.join(temp, "english"));
    const settings = JSON.parse(await fs.readFile(path.join(content, "site.json"), "utf8"));
    await fs.writeFile(path.join(content, "site.json"), JSON.stringify({ ...settings, language: "en" }));
    expect(run("check-content.ts", [], content).stdout).toContain("Content is valid: 6 articles (1 draft) in 2 sections.");
    const created = run("new-article.ts", ["A new bridge"], content);
    expect(created.stdout).toContain("Created");
    expect(await fs.readFile(path.join(content, "articles/a-new-bridge/index.md"), "utf8")).toContain("author: Writer's name");
    const check = run("check-content.ts", [], content);
    expect(check.stdout).toContain("Content is valid: 7 articles (2 drafts, 1 with problems) in 2 sections.");
    expect(check.stderr).toContain('still holds the placeholder "Write the article here."');
  });
});

describe("every problem in every file, at once", () => {
  it("lists seven kinds of mistakes in several files in one run, with file and line, in Vietnamese, without a stack trace", async () => {
    const content = path.join(temp, "mistakes");
    await fs.cp(path.join(ROOT, "tests/fixtures/site/site.json"), path.join(content, "site.json"));
    const write = async (name: string, text: string) => {
      await fs.mkdir(path.join(content, "articles", name), { recursive: true });
      await fs.writeFile(path.join(content, "articles", name, "index.md"), text);
    };
    await write(
      "cau-moi",
      "---\ntitle: Cầu mới\ndate: 2021-13-45\nsection: Đời Sống\nphotocredit: Anh Khôi\nimage:\n  src: ./khong-co.jpg\n  alt: Cây cầu mới\n---\nĐoạn văn.\n\n![](./cau.jpg)\n",
    );
    await fs.writeFile(path.join(content, "articles/cau-moi/cau.jpg"), JPEG_START);
    await write("cho-que", "---\ntitle: Chợ quê\ndate: 2021-12-08T16:30:00+07:00\nauthor: Anh Khôi\nsection: Đời sống\n---\nĐoạn văn.\n");
    await fs.writeFile(path.join(temp, "bi-mat.jpg"), "not for the web");
    await write(
      "ngoai",
      "---\ntitle: Ảnh ngoài\ndate: 2021-12-08T16:30:00+07:00\nauthor: Anh Khôi\nsection: Đời sống\n---\n![Ảnh](../../../bi-mat.jpg)\n",
    );
    const expected = [
      ["articles/cau-moi/index.md", "- author: còn thiếu (bắt buộc)"],
      ["articles/cau-moi/index.md", '- dòng 3, date: "2021-13-45" không phải ngày theo ISO 8601'],
      ["articles/cau-moi/index.md", '- dòng 5, photocredit: không phải trường được hỗ trợ; có phải ý bạn là "photoCredit"?'],
      ["articles/cau-moi/index.md", '- dòng 7, image.src: không có tệp ảnh "./khong-co.jpg"'],
      ["articles/cau-moi/index.md", '- dòng 12, body: ảnh "./cau.jpg" chưa có mô tả (alt)'],
      ["articles/cho-que/index.md", '- dòng 5, section: "Đời sống" và "Đời Sống" (trong'],
      ["articles/ngoai/index.md", '- dòng 5, section: "Đời sống" và "Đời Sống" (trong'],
      ["articles/ngoai/index.md", '- dòng 7, body: ảnh "../../../bi-mat.jpg" nằm ngoài thư mục của bài viết'],
    ];
    const check = run("check-content.ts", [], content);
    const build = await buildSite({
      contentDir: content,
      outDir: path.join(temp, "out-mistakes"),
      cacheDir: path.join(temp, "cache-mistakes"),
    });
    for (const [label, code, output] of [
      ["check", check.status, check.stdout + check.stderr],
      ["build", build.code, build.stdout + build.stderr],
    ] as const) {
      expect(code, label).toBe(1);
      expect(output, label).toContain("Có 8 lỗi trong 3 tệp; chưa xuất bản gì.");
      for (const [file, line] of expected) {
        const block = output.slice(output.indexOf(`${file}\n`));
        expect(block.split(/\n {2}\S/)[0], `${label}: ${file} ${line}`).toContain(line!);
      }
      expect(output, label).not.toMatch(STACK_TRACE);
    }
    expect(build.stderr.trim().split("\n").at(-1)).toBe("Chưa xuất bản gì: sửa 8 lỗi ở trên rồi chạy lại.");
    // Nothing is published, so nothing from outside the content can be either.
    const written = await fs.readdir(path.join(temp, "out-mistakes"), { recursive: true }).catch(() => []);
    expect(written.filter((name) => !name.startsWith("assets"))).toEqual([]);
  });

  it("stops the build cleanly, naming the file, when a photo looks like a JPEG but cannot be read", async () => {
    const content = path.join(temp, "broken-photo");
    await fs.mkdir(path.join(content, "articles/anh-hong"), { recursive: true });
    await fs.cp(path.join(ROOT, "tests/fixtures/site/site.json"), path.join(content, "site.json"));
    await fs.writeFile(
      path.join(content, "articles/anh-hong/index.md"),
      "---\ntitle: Ảnh hỏng\ndate: 2021-12-08T16:30:00+07:00\nauthor: Anh Khôi\nsection: Đời sống\n---\n![Cổng nhà máy](./anh.jpg)\n",
    );
    await fs.writeFile(
      path.join(content, "articles/anh-hong/anh.jpg"),
      Buffer.concat([JPEG_START, Buffer.from("cut off in the middle of the download")]),
    );
    const build = await buildSite({
      contentDir: content,
      outDir: path.join(temp, "out-broken-photo"),
      cacheDir: path.join(temp, "cache-broken-photo"),
    });
    const output = build.stdout + build.stderr;
    expect(build.code).toBe(1);
    expect(output).toMatch(
      /Có 1 lỗi trong 1 tệp; chưa xuất bản gì\.[^\n]*\n\s+\S*broken-photo\/articles\/anh-hong\/anh\.jpg\n\s+- \(file\): ảnh này không đọc được/,
    );
    expect(output).not.toMatch(STACK_TRACE);
  });
});
