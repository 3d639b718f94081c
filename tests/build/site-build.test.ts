import fs from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, makeTempDir, prepareFixture, readBuilt, type BuildResult } from "../helpers/build-site.ts";

const NOW = "2026-01-01T00:00:00Z";
const DANGEROUS_TITLE = `Tiêu đề <script>alert("x")</script> & 'nháy'`;
const ARTICLE = "tin-hoat-dong/nua-dem/index.html";

let temp: string;
let contentDir: string;
let cacheDir: string;
let first: BuildResult;

const page = async (file: string) => parseHTML(await readBuilt(first.outDir, file)).document;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", htmlEntities: true });

beforeAll(async () => {
  temp = await makeTempDir("site");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
  // A writer on a system that types decomposed Vietnamese: "Đời sống" with combining marks.
  await fs.mkdir(path.join(contentDir, "articles/to-hop"));
  await fs.writeFile(
    path.join(contentDir, "articles/to-hop/index.md"),
    `---\ntitle: "${"Chữ tổ hợp".normalize("NFD")}"\ndate: 2021-11-30T08:00:00+07:00\nauthor: Minh Thư\nsection: "${"Đời sống".normalize("NFD")}"\n---\nNội dung.\n`,
  );
  cacheDir = path.join(temp, "cache");
  first = await buildSite({ contentDir, outDir: path.join(temp, "out1"), cacheDir, env: { BANTIN_NOW: NOW } });
  if (first.code !== 0) throw new Error(`build failed:\n${first.stdout}\n${first.stderr}`);
});

afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("article page", () => {
  it("prints its parts in news-page order", async () => {
    const html = await readBuilt(first.outDir, ARTICLE);
    const order = [
      'class="section-label"',
      "<h1",
      'class="dateline"',
      'class="lead"',
      'class="photo photo-head"',
      'class="article-body"',
      '<figure class="photo">',
      'class="byline"',
      'class="tags"',
      'class="related"',
      'id="binh-luan"',
      '<form class="comment-form"',
    ].map((marker) => html.indexOf(marker));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const doc = await page(ARTICLE);
    expect(doc.documentElement.getAttribute("lang")).toBe("vi");
    expect(doc.querySelector(".section-label a")?.getAttribute("href")).toBe("/tin-hoat-dong/");
    expect(doc.querySelector(".comments h2")?.textContent).toBe("Bình luận");
  });

  it("shows a time near midnight on its own day in the site's time zone", async () => {
    const doc = await page(ARTICLE);
    expect(doc.querySelector(".dateline time")?.textContent).toBe("Thứ Tư, 08/12/2021 01:30");
    expect(doc.querySelector(".dateline time")?.getAttribute("datetime")).toBe("2021-12-08T01:30:00+07:00");
  });

  it("reads a date without an offset in the site's time zone", async () => {
    const doc = await page("tin-hoat-dong/hai-nguoi/index.html");
    expect(doc.querySelector(".dateline time")?.getAttribute("datetime")).toBe("2021-12-09T09:15:00+07:00");
  });

  it("writes one byline line when the writer took the photos, two otherwise", async () => {
    const same = await page(ARTICLE);
    expect([...same.querySelectorAll(".byline-line")].map((n) => n.textContent)).toEqual(["Tin, ảnh: ANH KHÔI"]);
    const two = await page("tin-hoat-dong/hai-nguoi/index.html");
    expect([...two.querySelectorAll(".byline-line")].map((n) => n.textContent)).toEqual(["Tin: MINH THƯ", "Ảnh: QUANG HUY"]);
  });

  it("renders a body photo as a captioned, responsive figure", async () => {
    const doc = await page(ARTICLE);
    const figure = doc.querySelector(".article-body figure.photo")!;
    expect(figure.querySelector("figcaption")?.textContent).toBe("Chú thích dưới ảnh thân bài.");
    const img = figure.querySelector("picture img")!;
    expect(img.getAttribute("alt")).toBe("Người đứng trước cổng nhà máy");
    expect(img.getAttribute("width")).toBe("800");
    expect(img.getAttribute("height")).toBe("533");
    // The main photo at the head is the page's eager one; body photos wait.
    expect(img.getAttribute("loading")).toBe("lazy");
    expect(figure.querySelector('source[type="image/webp"]')?.getAttribute("srcset")).toMatch(/-400\.webp 400w, .*-800\.webp 800w$/);
    for (const file of img
      .getAttribute("srcset")!
      .split(", ")
      .map((s) => s.split(" ")[0]!)) {
      await expect(fs.stat(path.join(first.outDir, file))).resolves.toBeTruthy();
    }
  });

  it("renders the comment form with the article's slug and a honeypot", async () => {
    const form = (await page(ARTICLE)).querySelector("form.comment-form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/api/comments");
    expect(form.querySelector('input[name="slug"]')?.getAttribute("value")).toBe("nua-dem");
    expect(form.querySelector('input[name="website"]')).not.toBeNull();
    const labels = [...form.querySelectorAll(".field label")].map((n) => n.textContent);
    expect(labels).toEqual(["Họ và tên", "Email", "Nội dung"]);
  });

  it("normalises decomposed Vietnamese to NFC", async () => {
    const doc = await page("doi-song/to-hop/index.html");
    const title = doc.querySelector("h1")!.textContent!;
    expect(title).toBe("Chữ tổ hợp".normalize("NFC"));
    expect(title.normalize("NFC")).toBe(title);
  });
});

describe("escaping", () => {
  const file = "doi-song/tieu-de-nguy-hiem/index.html";

  it("escapes a title with <script> and quotes in title, h1, meta and JSON-LD", async () => {
    const html = await readBuilt(first.outDir, file);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<b>thẻ</b>");
    const doc = parseHTML(html).document;
    expect(doc.querySelector("title")?.textContent).toBe(`${DANGEROUS_TITLE} - Bản Tin Thử`);
    expect(doc.querySelector("h1")?.textContent).toBe(DANGEROUS_TITLE);
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute("content")).toBe(`${DANGEROUS_TITLE} - Bản Tin Thử`);
    expect(doc.querySelector('meta[name="description"]')?.getAttribute("content")).toBe('Sapo có <b>thẻ</b> & "ngoặc"');
    const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts.length).toBe(1);
    expect(scripts[0]!.textContent).not.toMatch(/<\/script/i);
    expect(JSON.parse(scripts[0]!.textContent!).headline).toBe(DANGEROUS_TITLE);
    const others = [...doc.querySelectorAll("script")].filter((s) => s.getAttribute("type") !== "application/ld+json");
    expect(others.every((s) => s.getAttribute("src")?.startsWith("/assets/") && !s.textContent?.trim())).toBe(true);
  });

  it("escapes the title in feeds and listings", async () => {
    const feed = await readBuilt(first.outDir, "feed.xml");
    expect(feed).not.toContain("<script>");
    const entries = xml.parse(feed).feed.entry as { title: string }[];
    expect(entries.map((e) => e.title)).toContain(DANGEROUS_TITLE);
    const section = await readBuilt(first.outDir, "doi-song/index.html");
    expect(section).not.toContain("<script>alert");
    expect(parseHTML(section).document.querySelector(".card-title a")?.textContent).toBe(DANGEROUS_TITLE);
  });
});

describe("publishing rules", () => {
  it("never builds drafts and holds embargoed articles back", async () => {
    await expect(fs.stat(path.join(first.outDir, "doi-song/ban-nhap"))).rejects.toThrow();
    await expect(fs.stat(path.join(first.outDir, "doi-song/cam-dang"))).rejects.toThrow();
    for (const file of ["feed.xml", "sitemap.xml", "index.html", "doi-song/index.html", "comment-manifest.json"]) {
      const text = await readBuilt(first.outDir, file);
      expect(text).not.toContain("ban-nhap");
      expect(text).not.toContain("cam-dang");
    }
  });

  it("publishes an embargoed article once its time has come", async () => {
    const later = await buildSite({
      contentDir,
      outDir: path.join(temp, "out-later"),
      cacheDir,
      env: { BANTIN_NOW: "2030-01-01T01:00:00Z" },
    });
    expect(later.code).toBe(0);
    await expect(fs.stat(path.join(later.outDir, "doi-song/cam-dang/index.html"))).resolves.toBeTruthy();
    await expect(fs.stat(path.join(later.outDir, "doi-song/ban-nhap"))).rejects.toThrow();
  });
});

describe("feeds, sitemap, listings", () => {
  it("writes Atom feeds that parse and list the articles", async () => {
    for (const file of ["feed.xml", "tin-hoat-dong/feed.xml", "doi-song/feed.xml"]) {
      const text = await readBuilt(first.outDir, file);
      expect(XMLValidator.validate(text)).toBe(true);
    }
    const site = xml.parse(await readBuilt(first.outDir, "feed.xml")).feed;
    const ids = (site.entry as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual([
      "https://thu.example/doi-song/tieu-de-nguy-hiem/",
      "https://thu.example/tin-hoat-dong/hai-nguoi/",
      "https://thu.example/tin-hoat-dong/nua-dem/",
      "https://thu.example/doi-song/them-mot-bai/",
      "https://thu.example/doi-song/to-hop/",
    ]);
    const section = xml.parse(await readBuilt(first.outDir, "tin-hoat-dong/feed.xml")).feed;
    expect((section.entry as unknown[]).length).toBe(2);
  });

  it("writes a sitemap that parses and lists every article", async () => {
    const text = await readBuilt(first.outDir, "sitemap.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const locs = (xml.parse(text).urlset.url as { loc: string }[]).map((u) => u.loc);
    for (const url of ["/", "/tin-hoat-dong/nua-dem/", "/tin-hoat-dong/hai-nguoi/", "/doi-song/tieu-de-nguy-hiem/", "/doi-song/to-hop/"]) {
      expect(locs).toContain(`https://thu.example${url}`);
    }
    expect(await readBuilt(first.outDir, "robots.txt")).toContain("Sitemap: https://thu.example/sitemap.xml");
  });

  it("paginates sections and links the pages", async () => {
    const doc = await page("doi-song/index.html");
    expect(doc.querySelectorAll(".card").length).toBe(2);
    expect(doc.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/doi-song/trang-2/");
    const second = await page("doi-song/trang-2/index.html");
    expect(second.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/doi-song/");
  });

  it("builds home, tag, archive and 404 pages with head metadata", async () => {
    const home = await page("index.html");
    // Five stories: the lead and four secondary stories leave none for the latest list or a section block.
    expect(home.querySelectorAll(".home-lead .card").length).toBe(1);
    expect(home.querySelectorAll(".home-secondary .card").length).toBe(4);
    expect(home.querySelectorAll(".home-latest li").length).toBe(0);
    expect(home.querySelectorAll(".home-section").length).toBe(0);
    expect(home.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe("https://thu.example/");
    const tag = await page("chu-de/thu-nghiem/index.html");
    expect(tag.querySelector("h1")?.textContent).toBe("Chủ đề: Thử nghiệm");
    const archive = await page("luu-tru/2021-12/index.html");
    expect(archive.querySelectorAll(".card").length).toBe(2);
    const notFound = await page("404.html");
    expect(notFound.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    const article = await page(ARTICLE);
    expect(article.querySelector('meta[property="og:image"]')?.getAttribute("content")).toMatch(
      /^https:\/\/thu\.example\/img\/.+-800\.jpeg$/,
    );
    expect(article.querySelector('meta[name="twitter:card"]')?.getAttribute("content")).toBe("summary_large_image");
  });
});

describe("photo cache", () => {
  it("encodes nothing on a second build with no new photos", async () => {
    expect(first.stdout).toMatch(/ảnh 2: 2 encoded, 0 from cache/);
    const imgDir = path.join(cacheDir, "photos/img");
    const before = new Map<string, number>();
    for (const name of await fs.readdir(imgDir)) before.set(name, (await fs.stat(path.join(imgDir, name))).mtimeMs);
    const second = await buildSite({ contentDir, outDir: path.join(temp, "out2"), cacheDir, env: { BANTIN_NOW: NOW } });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/ảnh 2: 0 encoded, 2 from cache/);
    expect(second.stdout).not.toMatch(/ảnh \d+\/\d+/);
    for (const [name, mtime] of before) expect((await fs.stat(path.join(imgDir, name))).mtimeMs).toBe(mtime);
    expect((await fs.readdir(path.join(second.outDir, "img"))).sort()).toEqual((await fs.readdir(path.join(first.outDir, "img"))).sort());
  });
});

describe("broken content", () => {
  it("fails the build naming every file and field with what to write", async () => {
    const broken = await prepareFixture("broken", path.join(temp, "broken"));
    const result = await buildSite({
      contentDir: broken,
      outDir: path.join(temp, "out-broken"),
      cacheDir: path.join(temp, "cache-broken"),
    });
    expect(result.code).not.toBe(0);
    const log = result.stdout + result.stderr;
    expect(log).toContain("articles/thieu-alt/index.md");
    expect(log).toMatch(/dòng 10, body: ảnh "\.\/anh\.jpg" chưa có mô tả \(alt\)/);
    expect(log).toContain('dòng 6, photocredit: không phải trường được hỗ trợ; có phải ý bạn là "photoCredit"?');
    expect(log).toContain("articles/khong-anh/index.md");
    expect(log).toContain("title: còn thiếu (bắt buộc)");
    expect(log).toContain('dòng 2, date: "08/12/2021" không phải ngày theo ISO 8601. Viết như sau: date: 2021-12-08T16:30:00+07:00');
    expect(log).toMatch(/dòng 5, tags: phải là một danh sách, không phải giá trị "một thẻ"/);
    expect(log).toContain(
      'articles/anh-thieu/index.md\n    - dòng 9, body: không có tệp ảnh "./anh/khong-co.jpg"; đặt ảnh cạnh bài viết hoặc sửa lại tên',
    );
    await expect(fs.stat(path.join(temp, "out-broken/index.html"))).rejects.toThrow();
  });
});
