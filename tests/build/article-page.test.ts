import fs from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { buildSite, makeTempDir, prepareFixture, readBuilt, ROOT, type BuildResult } from "../helpers/build-site.ts";

// The article page of issue 11 (head photo, credits, updated date, headings) and the metadata
// around it (logo, site image, titles, robots.txt), on a real build of the fixture site plus the
// articles below.
const NOW = "2026-01-01T00:00:00Z";
const UPDATED = "doi-song/cap-nhat/index.html";
const NO_HEAD = "doi-song/khong-anh-dau/index.html";
const LONG_TITLE = "Khánh thành dây chuyền gia công chính xác tại Công ty Thiết bị Đông Hải";

const ARTICLES: Record<string, string> = {
  "cap-nhat": `---
title: Bếp ăn ca đêm có thực đơn mới
date: 2021-12-08T16:30:00+07:00
updated: 2021-12-11T08:15:00+07:00
author: Minh Thư
photoCredit: Lê Thu Hà
section: Đời sống
lead: "BTT – Bếp ăn đổi thực đơn."
image:
  src: ./chinh.jpg
  alt: Bếp ăn lúc nửa đêm
  caption: Bữa ăn ca đêm.
---
Đoạn mở đầu.

## Thực đơn mới

![Suất ăn trên khay](./suat-an.jpg "Suất ăn có thêm rau. | Ảnh: TTXVN")

![Người nấu bếp](./nau-bep.jpg "Người nấu bếp chuẩn bị món.")

### Ý kiến người lao động

Đoạn cuối.
`,
  "khong-anh-dau": `---
title: ${LONG_TITLE}
date: 2021-12-07T10:00:00+07:00
author: Minh Thư
section: Đời sống
image:
  src: ./mo-dau.jpg
  alt: Dây chuyền mới
  caption: Dây chuyền mới.
  credit: Quang Huy
  show: false
---
![Dây chuyền mới](./mo-dau.jpg "Dây chuyền mới.")

Đoạn thân bài.
`,
};

let temp: string;
let build: BuildResult;
const page = async (file: string) => parseHTML(await readBuilt(build.outDir, file)).document;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

beforeAll(async () => {
  temp = await makeTempDir("article-page");
  const contentDir = await prepareFixture("site", path.join(temp, "content"));
  for (const [slug, text] of Object.entries(ARTICLES)) {
    await fs.mkdir(path.join(contentDir, "articles", slug));
    await fs.writeFile(path.join(contentDir, "articles", slug, "index.md"), text);
  }
  await writePhotos(contentDir);
  const site = JSON.parse(await fs.readFile(path.join(contentDir, "site.json"), "utf8"));
  await fs.writeFile(path.join(contentDir, "site.json"), JSON.stringify({ ...site, defaultImage: "/assets/chia-se.jpg" }));
  build = await buildSite({ contentDir, outDir: path.join(temp, "out"), cacheDir: path.join(temp, "cache"), env: { BANTIN_NOW: NOW } });
  if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
});

afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

/** A small JPEG for every `./name.jpg` the test articles use (the fixture's own come from prepareFixture). */
async function writePhotos(contentDir: string): Promise<void> {
  for (const [slug, text] of Object.entries(ARTICLES)) {
    for (const [, file] of text.matchAll(/\.\/([\w-]+\.jpg)/g)) {
      const target = path.join(contentDir, "articles", slug, file!);
      await sharp({ create: { width: 1000, height: 600, channels: 3, background: { r: file!.length * 9, g: 120, b: 90 } } })
        .jpeg({ quality: 70 })
        .toFile(target);
    }
  }
}

describe("the main photo at the head of the article", () => {
  it("follows the sapo as a figure with its caption and credit, eager and of high priority", async () => {
    const html = await readBuilt(build.outDir, UPDATED);
    expect(html.indexOf('class="lead"')).toBeLessThan(html.indexOf('class="photo photo-head"'));
    expect(html.indexOf('class="photo photo-head"')).toBeLessThan(html.indexOf('class="article-body"'));
    const doc = await page(UPDATED);
    const head = doc.querySelector("figure.photo-head")!;
    const img = head.querySelector("picture img")!;
    expect(img.getAttribute("alt")).toBe("Bếp ăn lúc nửa đêm");
    expect(img.getAttribute("loading")).toBe("eager");
    expect(img.getAttribute("fetchpriority")).toBe("high");
    expect(head.querySelector('source[type="image/webp"]')?.getAttribute("srcset")).toMatch(/-400\.webp 400w, .*-800\.webp 800w$/);
    expect(head.querySelector("figcaption")?.textContent).toBe("Bữa ăn ca đêm. Ảnh: LÊ THU HÀ");
    expect(head.querySelector("figcaption .photo-credit")?.textContent).toBe("Ảnh: LÊ THU HÀ");
    // The page's only eager, high-priority image.
    expect(doc.querySelectorAll('img[fetchpriority="high"]').length).toBe(1);
    expect([...doc.querySelectorAll(".article-body img")].map((n) => n.getAttribute("loading"))).toEqual(["lazy", "lazy"]);
  });

  it("is left out with image.show: false, and the first body photo loads first instead", async () => {
    const doc = await page(NO_HEAD);
    expect(doc.querySelector("figure.photo-head")).toBeNull();
    const body = doc.querySelector(".article-body figure.photo")!;
    expect(body.querySelector("img")?.getAttribute("fetchpriority")).toBe("high");
    // Still the listing and social photo.
    expect(doc.querySelector('meta[property="og:image"]')?.getAttribute("content")).toMatch(/^https:\/\/thu\.example\/img\//);
  });

  it("is shown without a credit when the writer took it", async () => {
    const doc = await page("tin-hoat-dong/nua-dem/index.html");
    expect(doc.querySelector("figure.photo-head figcaption")?.textContent).toBe("Chú thích ảnh chính");
    expect(doc.querySelector(".photo-credit")).toBeNull();
  });
});

describe("photo credits in captions", () => {
  it("end each body caption: the photo's own credit, else the photographer's", async () => {
    const doc = await page(UPDATED);
    const captions = [...doc.querySelectorAll(".article-body figcaption")].map((n) => n.textContent);
    expect(captions).toEqual(["Suất ăn có thêm rau. Ảnh: TTXVN", "Người nấu bếp chuẩn bị món. Ảnh: LÊ THU HÀ"]);
    expect(doc.querySelector(".article-body")?.textContent).not.toContain("|");
  });
});

describe("an updated article", () => {
  it('prints "Cập nhật" with the date line\'s format under the date line', async () => {
    const doc = await page(UPDATED);
    const lines = [...doc.querySelectorAll(".article-head .dateline")];
    expect(lines.map((n) => n.textContent)).toEqual(["Thứ Tư, 08/12/2021 16:30", "Cập nhật: Thứ Bảy, 11/12/2021 08:15"]);
    expect(lines[1]!.querySelector("time")?.getAttribute("datetime")).toBe("2021-12-11T08:15:00+07:00");
    expect((await page(NO_HEAD)).querySelectorAll(".dateline").length).toBe(1);
  });

  it("gives dateModified in JSON-LD and article:modified_time", async () => {
    const doc = await page(UPDATED);
    const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld.datePublished).toBe("2021-12-08T16:30:00+07:00");
    expect(ld.dateModified).toBe("2021-12-11T08:15:00+07:00");
    expect(doc.querySelector('meta[property="article:modified_time"]')?.getAttribute("content")).toBe("2021-12-11T08:15:00+07:00");
    const other = JSON.parse((await page(NO_HEAD)).querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(other.dateModified).toBe(other.datePublished);
  });

  it("gives <updated> in the Atom entry and lastmod in the sitemap", async () => {
    const feed = xml.parse(await readBuilt(build.outDir, "doi-song/feed.xml")).feed;
    const entries = [feed.entry].flat() as { id: string; published: string; updated: string }[];
    const entry = entries.find((e) => e.id === "https://thu.example/doi-song/cap-nhat/")!;
    expect(entry.published).toBe("2021-12-08T16:30:00+07:00");
    expect(entry.updated).toBe("2021-12-11T08:15:00+07:00");
    const site = xml.parse(await readBuilt(build.outDir, "feed.xml")).feed;
    expect(site.updated).toBe("2021-12-11T08:15:00+07:00");
    const urls = xml.parse(await readBuilt(build.outDir, "sitemap.xml")).urlset.url as { loc: string; lastmod?: string }[];
    expect(urls.find((u) => u.loc === "https://thu.example/doi-song/cap-nhat/")?.lastmod).toBe("2021-12-11T08:15:00+07:00");
    expect(urls.find((u) => u.loc === "https://thu.example/")?.lastmod).toBe("2021-12-11T08:15:00+07:00");
  });
});

describe("metadata", () => {
  it("names the publisher's logo as an absolute ImageObject; the default logo ships and is wide enough", async () => {
    const ld = JSON.parse((await page(UPDATED)).querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(ld.publisher.logo).toEqual({ "@type": "ImageObject", url: "https://thu.example/assets/logo.png" });
    const logo = await sharp(path.join(build.outDir, "assets/logo.png")).metadata();
    expect(logo.format).toBe("png");
    expect(logo.width).toBeGreaterThanOrEqual(112);
  });

  it("shares site.json defaultImage on the home, section and tag pages", async () => {
    for (const file of ["index.html", "doi-song/index.html", "chu-de/thu-nghiem/index.html"]) {
      const doc = await page(file);
      expect(doc.querySelector('meta[property="og:image"]')?.getAttribute("content"), file).toBe("https://thu.example/assets/chia-se.jpg");
      expect(doc.querySelector('meta[name="twitter:image"]')?.getAttribute("content"), file).toBe("https://thu.example/assets/chia-se.jpg");
      expect(doc.querySelector('meta[name="twitter:card"]')?.getAttribute("content"), file).toBe("summary_large_image");
    }
  });

  it("titles an article `headline - site`, without the site name past 70 characters", async () => {
    expect((await page(UPDATED)).querySelector("title")?.textContent).toBe("Bếp ăn ca đêm có thực đơn mới - Bản Tin Thử");
    expect(`${LONG_TITLE} - Bản Tin Thử`.length).toBeGreaterThan(70);
    expect((await page(NO_HEAD)).querySelector("title")?.textContent).toBe(LONG_TITLE);
  });

  it("lets crawlers reach /admin/ to read its noindex, in the page and in netlify.toml's header", async () => {
    const robots = await readBuilt(build.outDir, "robots.txt");
    expect(robots).not.toMatch(/Disallow:\s*\/admin/);
    expect(robots).toMatch(/^Disallow: \/api\/$/m);
    const admin = await page("admin/index.html");
    expect(admin.querySelector('meta[name="robots"]')?.getAttribute("content")).toContain("noindex");
    const toml = await fs.readFile(path.join(ROOT, "netlify.toml"), "utf8");
    const block = toml.split("[[headers]]").find((part) => /for\s*=\s*"\/admin\/\*"/.test(part));
    expect(block).toMatch(/X-Robots-Tag\s*=\s*"noindex"/);
  });
});

const skip = getBrowserSkipReason();
if (skip) console.warn(`[skip] body heading sizes: ${skip}`);

describe.skipIf(skip)("body headings in Chromium, with the site's CSS", () => {
  it("are clearly larger than the text, with space above", async () => {
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      await tab.setContent(await readBuilt(build.outDir, UPDATED));
      await tab.addStyleTag({ path: path.join(build.outDir, "assets/site.css") });
      const sizes = await tab.evaluate(() => {
        const read = (selector: string) => {
          const style = getComputedStyle(document.querySelector(selector)!);
          return { size: Number.parseFloat(style.fontSize), above: Number.parseFloat(style.marginTop) };
        };
        return { p: read(".article-body > p"), h2: read(".article-body h2"), h3: read(".article-body h3") };
      });
      expect(sizes.h2.size).toBeGreaterThanOrEqual(sizes.p.size * 1.35);
      expect(sizes.h3.size).toBeGreaterThanOrEqual(sizes.p.size * 1.15);
      expect(sizes.h2.above).toBeGreaterThanOrEqual(sizes.p.size * 1.5);
      expect(sizes.h3.above).toBeGreaterThanOrEqual(sizes.p.size * 1.25);
    } finally {
      await browser.close();
    }
  });
});
