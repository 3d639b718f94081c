import { describe, expect, it } from "vitest";
import { prepareArticle, type Article } from "../../../lib/core/article.ts";
import { buildCatalog } from "../../../lib/core/catalog.ts";
import { checkCollection } from "../../../lib/core/collection.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { getFixedUrls, listRoutes, toOutputFile } from "../../../lib/core/routes.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";
import { makeArticle } from "../../helpers/articles.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example", description: "Mô tả" }) as { config: SiteConfig }).config;
const NOW = new Date("2026-01-01T00:00:00Z");

function makeTaggedArticle(slug: string, section: { name: string; slug: string }, tag: string): Article {
  return makeArticle(slug, {
    section: { ...section, url: `/${section.slug}/` },
    tags: [{ name: tag, slug: tag, url: `/chu-de/${tag}/` }],
    date: new Date(Date.UTC(2025, 0, slug.length)),
  });
}

describe("the route table", () => {
  const catalog = buildCatalog(
    [
      makeTaggedArticle("mot", { name: "Đời sống", slug: "doi-song" }, "a"),
      makeTaggedArticle("hai-bai", { name: "Kinh tế", slug: "kinh-te" }, "b"),
    ],
    config,
    vi,
    NOW,
  );
  const routes = listRoutes(catalog);

  it("lists every file the build writes once, each with its template", () => {
    const byUrl = new Map(routes.map((route) => [route.url, route.template]));
    expect(byUrl.size).toBe(routes.length);
    expect(Object.fromEntries(byUrl)).toEqual({
      "/doi-song/mot/": "article",
      "/kinh-te/hai-bai/": "article",
      "/doi-song/": "listing",
      "/kinh-te/": "listing",
      "/chu-de/a/": "listing",
      "/chu-de/b/": "listing",
      "/luu-tru/2025-01/": "listing",
      "/feed.xml": "feed",
      "/doi-song/feed.xml": "feed",
      "/kinh-te/feed.xml": "feed",
      "/binh-luan/feed.xml": "feed",
      "/": "home",
      "/chu-de/": "tag-index",
      "/luu-tru/": "archive-index",
      "/404.html": "not-found",
      "/admin/": "admin",
      "/sitemap.xml": "sitemap",
      "/robots.txt": "robots",
      "/comment-manifest.json": "comment-manifest",
      "/tim-kiem/": "search",
    });
  });

  it("gives the comment feed the same Atom shape as the others", () => {
    const commentFeed = routes.find((route) => route.url === "/binh-luan/feed.xml")!.data;
    const siteFeed = routes.find((route) => route.url === "/feed.xml")!.data;
    expect(Object.keys(commentFeed as object).sort()).toEqual(Object.keys(siteFeed as object).sort());
    expect(commentFeed).toMatchObject({ alternateUrl: "https://t.example/", entries: [] });
  });

  it("refuses two routes on one URL, naming it and both templates", () => {
    const clash = { ...catalog, tagPages: [...catalog.tagPages, { ...catalog.tagPages[0]!, url: "/kinh-te/hai-bai/" }] };
    expect(() => listRoutes(clash)).toThrow('Two pages would be written to /kinh-te/hai-bai/ (templates "article" and "listing")');
  });

  it("writes each URL to its file", () => {
    expect(["/", "/admin/", "/feed.xml", "/doi-song/trang-2/"].map(toOutputFile)).toEqual([
      "index.html",
      "admin/index.html",
      "feed.xml",
      "doi-song/trang-2/index.html",
    ]);
  });
});

describe("sections on a route's path", () => {
  const article = (file: string, section: string) =>
    prepareArticle(
      {
        file,
        slugSource: file.replace(/\.md$/, ""),
        frontMatter: { title: "T", date: "2021-12-08T10:00:00+07:00", author: "A", section },
        body: "x",
        bodyLine: 6,
      },
      config,
    ).article!;

  it("refuses a section on the first folder of any fixed route, naming the file", () => {
    const problems = checkCollection(
      [
        article("a.md", "Admin"),
        article("b.md", "Lưu trữ"),
        article("c.md", "Bình luận"),
        article("d.md", "Chủ đề"),
        article("e.md", "Đời sống"),
        article("f.md", "Tìm kiếm"),
        article("g.md", "Pagefind"),
      ],
      vi,
    );
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual([
      "a.md section",
      "b.md section",
      "c.md section",
      "d.md section",
      "f.md section",
      "g.md section",
    ]);
    expect(problems[0]!.message).toBe('"Admin" sẽ nằm ở /admin/, địa chỉ trang web tự dùng; chọn tên chuyên mục khác');
    expect(Object.values(getFixedUrls(vi))).toContain("/admin/");
  });
});
