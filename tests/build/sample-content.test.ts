import fs from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, makeTempDir, readBuilt, ROOT, type BuildResult } from "../helpers/build-site.ts";

// The sample site in content/ as a new reader sees it: its photos are drawings made by
// scripts/make-sample-photos.ts, and it shows the article page's newer fields.
let temp: string;
let build: BuildResult;
const page = async (url: string) => parseHTML(await readBuilt(build.outDir, `${url.replace(/^\//, "")}index.html`)).document;

beforeAll(async () => {
  temp = await makeTempDir("sample");
  build = await buildSite({
    contentDir: path.join(ROOT, "content"),
    outDir: path.join(temp, "out"),
    cacheDir: path.join(temp, "cache"),
    env: { BANTIN_NOW: "2026-11-28T00:00:00Z" },
  });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
});

afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("the sample content", () => {
  it("says of every photo that it is a drawing, in its alt text and caption", async () => {
    const articles = (await fs.readdir(path.join(ROOT, "content/articles"))).sort();
    let photos = 0;
    for (const slug of articles) {
      const url = (await fs.readdir(path.join(build.outDir), { recursive: true })).find((file) => file.endsWith(`/${slug}/index.html`));
      const doc = parseHTML(await readBuilt(build.outDir, url!)).document;
      for (const figure of doc.querySelectorAll("article figure")) {
        photos++;
        expect(figure.querySelector("img")?.getAttribute("alt"), slug).toMatch(/^Hình vẽ: /);
        expect(figure.querySelector("figcaption")?.textContent, slug).toMatch(/^Hình vẽ minh hoạ: .*ảnh mẫu/);
      }
    }
    expect(photos).toBe(20);
  });

  it("shows an updated article, a photographer other than the writer, and a photo's own credit", async () => {
    const updated = await page("/tin-hoat-dong/dien-tap-phong-chay-chua-chay-tai-nha-may-co-dien-tan-lap/");
    expect(updated.querySelector(".dateline-updated")?.textContent).toBe("Cập nhật: Thứ Bảy, 17/01/2026 08:30");
    const kitchen = await page("/doi-song/bep-an-ca-dem-doi-moi-thuc-don-cho-nguoi-lao-dong/");
    expect([...kitchen.querySelectorAll("figcaption .photo-credit")].map((n) => n.textContent)).toEqual([
      "Ảnh: LAN PHƯƠNG",
      "Ảnh: LAN PHƯƠNG",
    ]);
    const seminar = await page("/khoa-hoc-cong-nghe/hoi-thao-ung-dung-tri-tue-nhan-tao-trong-kiem-tra-chat-luong-san-pham/");
    expect([...seminar.querySelectorAll("figcaption .photo-credit")].map((n) => n.textContent)).toEqual([
      "Ảnh: MINH THƯ",
      "Ảnh: BAN TỔ CHỨC HỘI THẢO",
    ]);
  });
});
