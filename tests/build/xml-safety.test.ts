import fs from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../lib/core/article.ts";
import { buildCatalog, type Catalog } from "../../lib/core/catalog.ts";
import { listRoutes, type Route } from "../../lib/core/routes.ts";
import { toPublishedComment } from "../../lib/core/comment-record.ts";
import { createSortableId } from "../../lib/core/ids.ts";
import { getLocale } from "../../lib/core/locales/index.ts";
import { parseSiteConfig } from "../../lib/core/site-config.ts";
import { compileTemplates } from "../../lib/build/render-pages.ts";
import { getBrowserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { buildWithApprovedComment, makeTempDir, prepareFixture, readBuilt, ROOT, type BuildResult } from "../helpers/build-site.ts";
import { makeArticle } from "../helpers/articles.ts";
import { findXmlProblem, isFeedCodePoint } from "../helpers/xml.ts";

const LAYOUTS = path.join(ROOT, "layouts");
const NOW = new Date("2026-01-01T00:00:00Z");

/** Renders the routes of `catalog` that `keep` picks, keyed by URL, as the build does. */
function renderRoutesOf(catalog: Catalog, keep: (route: Route) => boolean): Record<string, string> {
  const templates = compileTemplates(LAYOUTS);
  const shared = { site: catalog.site, t: catalog.t, commentLimits: catalog.commentLimits };
  return Object.fromEntries(
    listRoutes(catalog)
      .filter(keep)
      .map((route) => [route.url, templates(route.template).render({ bantin: shared, data: route.data })]),
  );
}

// Any code point, lone surrogates included, with the characters XML forbids made frequent.
const NASTY = [
  "\uFFFE",
  "\uFFFF",
  "\u0001",
  "\u0000",
  "\u001B",
  "\uD800",
  "\uDFFF",
  "\uFDD0",
  "\u{1FFFE}",
  "]]>",
  "&",
  "<",
  '"',
  "'",
  "\n\n",
];
const anyText = fc.string({
  unit: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })),
  maxLength: 30,
});

function makeArticleWith(
  slug: string,
  text: { title: string; lead: string; body: string; author: string; section: string },
  day: number,
): Article {
  return makeArticle(slug, {
    title: text.title,
    lead: text.lead,
    author: text.author,
    section: { name: text.section, slug: "muc", url: "/muc/" },
    date: new Date(Date.UTC(2025, 0, day)),
    bodyHtml: text.body,
  });
}

describe("every XML the build writes, rendered from any text", () => {
  it("stays well-formed: site and section feeds, comment feed, sitemap", async () => {
    const parsed = parseSiteConfig({ name: "Báo", url: "https://thu.example" });
    if (!("config" in parsed)) throw new Error("fixture site config is invalid");
    const locale = getLocale("vi");
    const articleText = fc.record({ title: anyText, lead: anyText, body: anyText, author: anyText, section: anyText });
    const commentText = fc.record({ name: anyText, content: anyText });

    fc.assert(
      fc.property(
        fc.tuple(articleText, articleText),
        fc.array(commentText, { minLength: 1, maxLength: 3 }),
        anyText,
        anyText,
        ([a, b], comments, siteName, description) => {
          const config = { ...parsed.config, name: siteName, description };
          const articles = [makeArticleWith("mot", a, 2), makeArticleWith("hai", b, 1)];
          const published = comments.map((comment, i) => {
            const at = new Date(Date.UTC(2025, 1, 1, i));
            return toPublishedComment(
              { id: createSortableId(at, new Uint8Array(10).fill(i)), createdAt: at.toISOString(), ...comment },
              config.timeZone,
              locale,
            );
          });
          const catalog = buildCatalog(articles, config, locale, NOW, new Map([["mot", published]]));
          expect(catalog.feeds.length).toBe(2);
          const outputs = renderRoutesOf(catalog, (route) => route.template === "feed" || route.template === "sitemap");
          expect(Object.keys(outputs).sort()).toEqual(
            [...catalog.feeds.map((feed) => feed.path), catalog.commentFeed.path, "/sitemap.xml"].sort(),
          );
          for (const [file, xml] of Object.entries(outputs)) expect(findXmlProblem(xml), `${file}:\n${xml}`).toBeNull();
        },
      ),
      { numRuns: 150 },
    );
  });

  it("still escapes markup after removing characters", async () => {
    const parsed = parseSiteConfig({ name: "Báo", url: "https://thu.example" });
    if (!("config" in parsed)) throw new Error("fixture site config is invalid");
    const locale = getLocale("vi");
    const at = new Date(Date.UTC(2025, 1, 1));
    const comment = toPublishedComment(
      { id: createSortableId(at, new Uint8Array(10)), createdAt: at.toISOString(), name: "<b\uFFFE>", content: "a\u0001 & <i>" },
      parsed.config.timeZone,
      locale,
    );
    const article = makeArticleWith("mot", { title: "T", lead: "", body: "", author: "A", section: "S" }, 1);
    const catalog = buildCatalog([article], parsed.config, locale, NOW, new Map([["mot", [comment]]]));
    const xml = renderRoutesOf(catalog, (route) => route.url === catalog.commentFeed.path)[catalog.commentFeed.path]!;
    expect(xml).toContain("<name>&lt;b&gt;</name>");
    expect(xml).toContain('<content type="text">a &amp; &lt;i&gt;</content>');
  });
});

const browserSkip = getBrowserSkipReason();
if (browserSkip) console.warn(`[skip] XML parsed by Chromium: ${browserSkip}`);
const FEED_FILES = ["feed.xml", "doi-song/feed.xml", "binh-luan/feed.xml", "sitemap.xml"];

describe("a real build with forbidden characters in an article and an approved comment", () => {
  const BAD = "\uFFFE\uFFFF\u0001\uD800";
  let temp: string;
  let result: BuildResult;

  beforeAll(async () => {
    temp = await makeTempDir("xml-safety");
    const contentDir = await prepareFixture("site", path.join(temp, "content"));
    // YAML escapes put the characters (a lone surrogate too) into the front matter; the body holds them raw.
    await fs.mkdir(path.join(contentDir, "articles/ky-tu-la"));
    await fs.writeFile(
      path.join(contentDir, "articles/ky-tu-la/index.md"),
      [
        "---",
        'title: "Tin \\uFFFE\\uFFFF\\x01 lạ \\uD800 hết"',
        "date: 2021-12-11T10:00:00+07:00",
        'author: "Lan \\uFFFF Phương"',
        "section: Đời sống",
        'lead: "Sapo \\uFFFE\\x01\\uD800 lạ"',
        "---",
        `Thân bài \uFFFE có \uFFFF ký tự \u0001 lạ.`,
        "",
      ].join("\n"),
    );
    result = await buildWithApprovedComment(temp, contentDir, {
      slug: "ky-tu-la",
      name: `Bạn ${BAD} đọc`,
      content: `Ý kiến ${BAD}\nhai\n\nđoạn ${BAD}`,
      at: new Date(Date.UTC(2021, 11, 12)),
    });
  });

  afterAll(async () => {
    await fs.rm(temp, { recursive: true, force: true });
  });

  it.each(FEED_FILES)("writes %s as well-formed XML", async (file) => {
    const xml = await readBuilt(result.outDir, file);
    expect(findXmlProblem(xml), xml).toBeNull();
  });

  // A second, strict parser: Chromium's XML parser refuses a document with a forbidden character.
  it.skipIf(browserSkip)("writes feeds that Chromium's XML parser reads", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      for (const file of FEED_FILES) {
        const xml = await readBuilt(result.outDir, file);
        const parsed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, "application/xml");
          return { error: doc.querySelector("parsererror")?.textContent ?? null, root: doc.documentElement.localName };
        }, xml);
        expect(parsed, file).toEqual({ error: null, root: file === "sitemap.xml" ? "urlset" : "feed" });
      }
    } finally {
      await browser.close();
    }
  });

  it("keeps the characters out of the article's HTML page too", async () => {
    const html = await readBuilt(result.outDir, "doi-song/ky-tu-la/index.html");
    const bad = [...html].find((ch) => !isFeedCodePoint(ch.codePointAt(0)!));
    expect(bad, "the page holds a character HTML and XML forbid").toBeUndefined();
    expect(html).toContain("Thân bài  có  ký tự  lạ.");
  });

  it("keeps the text around the removed characters", async () => {
    const feed = await readBuilt(result.outDir, "feed.xml");
    expect(feed).toContain("<title>Tin  lạ  hết</title>");
    expect(feed).toContain("<summary>Sapo  lạ</summary>");
    expect(feed).toContain("<name>Lan  Phương</name>");
    expect(feed).toContain("Thân bài  có  ký tự  lạ.");
    const comments = await readBuilt(result.outDir, "binh-luan/feed.xml");
    expect(comments).toContain("<name>Bạn  đọc</name>");
    expect(comments).toContain("Ý kiến \nhai\n\nđoạn </content>");
  });
});
