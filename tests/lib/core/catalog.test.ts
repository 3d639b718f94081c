import { describe, expect, it } from "vitest";
import type { Article } from "../../../lib/core/article.ts";
import { buildCatalog, type PublishedComment } from "../../../lib/core/catalog.ts";
import { describeInstant } from "../../../lib/core/dates.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";
import { slugify } from "../../../lib/core/slugs.ts";

const config = (
  parseSiteConfig({
    name: "Bản tin",
    url: "https://bt.example",
    sections: ["Thời sự", "Đời sống"],
    pageSize: 2,
    homeLatest: 2,
    homePerSection: 2,
    relatedCount: 2,
    feedSize: 2,
  }) as { config: SiteConfig }
).config;
const now = new Date("2022-01-01T00:00:00Z");

/** A rendered article as renderArticle makes it, with only what the catalog reads filled in. */
function article(slug: string, section: string, iso: string, tags: string[] = [], acceptsComments = true): Article {
  const date = new Date(iso);
  const when = describeInstant(date, config.timeZone, { line: vi.dates.dateLine, short: vi.dates.short }, vi.dates);
  const sectionSlug = slugify(section);
  return {
    file: `content/${slug}.md`,
    slug,
    url: `/${sectionSlug}/${slug}/`,
    title: `Tin ${slug}`,
    lead: null,
    author: "Anh Khôi",
    photoCredit: null,
    section: { name: section, slug: sectionSlug, url: `/${sectionSlug}/` },
    tags: tags.map((name) => ({ name, slug: slugify(name), url: `/chu-de/${slugify(name)}/` })),
    date,
    dateIso: when.iso,
    dateLine: when.line,
    dateShort: when.short,
    monthKey: when.monthKey,
    acceptsComments,
    pin: null,
    image: null,
    updated: null,
    headPhoto: null,
    byline: [],
    bodyHtml: "",
  };
}

// Given out of order on purpose: the catalog sorts newest first, and f before c (same instant) by slug.
const articles = [
  article("f", "Thời sự", "2021-11-30T08:00:00+07:00"),
  article("e", "Đời sống", "2021-10-15T08:00:00+07:00", [], false),
  article("a", "Thể thao", "2021-12-08T08:00:00+07:00", ["Cầu"]),
  article("c", "Thời sự", "2021-11-30T08:00:00+07:00", ["Cầu"]),
  article("b", "Thời sự", "2021-12-07T08:00:00+07:00", ["Sông", "Cầu"]),
  article("d", "Văn hóa", "2021-11-01T08:00:00+07:00"),
];
const comment = (id: string): PublishedComment => ({
  id,
  name: "Bạn đọc",
  dateIso: "2021-12-10T08:00:00+07:00",
  dateLine: "",
  paragraphs: [["x"]],
  replyTo: null,
  newsroom: false,
});
const comments = new Map([
  ["b", [comment("01B1"), comment("01B2")]],
  ["e", [comment("01E1")]],
]);
const catalog = buildCatalog(articles, config, vi, now, comments);
const slugs = (cards: { slug: string }[]) => cards.map((card) => card.slug);

describe("buildCatalog", () => {
  it("orders sections as configured, then the others by name", () => {
    expect(catalog.site.sections).toEqual([
      { name: "Thời sự", url: "/thoi-su/", feedUrl: "/thoi-su/feed.xml" },
      { name: "Đời sống", url: "/doi-song/", feedUrl: "/doi-song/feed.xml" },
      { name: "Thể thao", url: "/the-thao/", feedUrl: "/the-thao/feed.xml" },
      { name: "Văn hóa", url: "/van-hoa/", feedUrl: "/van-hoa/feed.xml" },
    ]);
  });

  it("plans the home page: a lead, secondary stories, the latest list, each story once", () => {
    expect(catalog.home.lead?.slug).toBe("a");
    expect(slugs(catalog.home.secondary)).toEqual(["b", "c", "f", "d"]);
    expect(slugs(catalog.home.latest)).toEqual(["e"]);
    // Every story is already above: no section block repeats one.
    expect(catalog.home.sections).toEqual([]);
    expect(catalog.home.meta.title).toBe("Bản tin");
  });

  it("sorts newest first, same instant by slug, and counts comments on cards", () => {
    expect(catalog.sectionPages.filter((p) => p.navUrl === "/thoi-su/").map((p) => [p.url, slugs(p.items)])).toEqual([
      ["/thoi-su/", ["b", "c"]],
      ["/thoi-su/trang-2/", ["f"]],
    ]);
    expect(catalog.home.secondary.map((card) => card.commentCount)).toEqual([2, 0, 0, 0]);
    expect(catalog.sectionPages.map((p) => p.url)).toEqual(["/thoi-su/", "/thoi-su/trang-2/", "/doi-song/", "/the-thao/", "/van-hoa/"]);
  });

  it("gives each article its related stories from its own section and its comments", () => {
    const page = (slug: string) => catalog.articlePages.find((p) => p.article.slug === slug)!;
    expect(catalog.articlePages).toHaveLength(6);
    expect(slugs(page("b").related)).toEqual(["c", "f"]);
    expect(slugs(page("c").related)).toEqual(["b", "f"]);
    expect(slugs(page("f").related)).toEqual(["c", "b"]);
    expect(page("a").related).toEqual([]);
    expect(page("b").comments.map((c) => c.id)).toEqual(["01B1", "01B2"]);
    expect(page("e").comments.map((c) => c.id)).toEqual(["01E1"]);
    expect(page("b").meta.canonical).toBe("https://bt.example/thoi-su/b/");
  });

  it("makes tag pages by name, paginated, and a tag index with counts", () => {
    expect(catalog.tagPages.map((p) => [p.url, p.heading, slugs(p.items)])).toEqual([
      ["/chu-de/cau/", "Chủ đề: Cầu", ["a", "b"]],
      ["/chu-de/cau/trang-2/", "Chủ đề: Cầu", ["c"]],
      ["/chu-de/song/", "Chủ đề: Sông", ["b"]],
    ]);
    expect(catalog.tagIndex.tags).toEqual([
      { name: "Cầu", url: "/chu-de/cau/", count: 3 },
      { name: "Sông", url: "/chu-de/song/", count: 1 },
    ]);
    expect(catalog.tagIndex.url).toBe("/chu-de/");
  });

  it("makes archive months, newest first, grouped by year", () => {
    expect(catalog.archivePages.map((p) => [p.url, p.heading, slugs(p.items)])).toEqual([
      ["/luu-tru/2021-12/", "Lưu trữ: Tháng 12/2021", ["a", "b"]],
      ["/luu-tru/2021-11/", "Lưu trữ: Tháng 11/2021", ["c", "f"]],
      ["/luu-tru/2021-11/trang-2/", "Lưu trữ: Tháng 11/2021", ["d"]],
      ["/luu-tru/2021-10/", "Lưu trữ: Tháng 10/2021", ["e"]],
    ]);
    expect(catalog.archiveIndex.years).toEqual([
      {
        year: "2021",
        months: [
          { title: "Tháng 12/2021", url: "/luu-tru/2021-12/", count: 2 },
          { title: "Tháng 11/2021", url: "/luu-tru/2021-11/", count: 3 },
          { title: "Tháng 10/2021", url: "/luu-tru/2021-10/", count: 1 },
        ],
      },
    ]);
  });

  it("lists every page in the sitemap, with dates only where an article gives one", () => {
    const base = "https://bt.example";
    expect(catalog.sitemap).toEqual([
      { loc: `${base}/`, lastmod: "2021-12-08T08:00:00+07:00" },
      { loc: `${base}/the-thao/a/`, lastmod: "2021-12-08T08:00:00+07:00" },
      { loc: `${base}/thoi-su/b/`, lastmod: "2021-12-07T08:00:00+07:00" },
      { loc: `${base}/thoi-su/c/`, lastmod: "2021-11-30T08:00:00+07:00" },
      { loc: `${base}/thoi-su/f/`, lastmod: "2021-11-30T08:00:00+07:00" },
      { loc: `${base}/van-hoa/d/`, lastmod: "2021-11-01T08:00:00+07:00" },
      { loc: `${base}/doi-song/e/`, lastmod: "2021-10-15T08:00:00+07:00" },
      ...[
        "/luu-tru/",
        "/chu-de/",
        "/thoi-su/",
        "/thoi-su/trang-2/",
        "/doi-song/",
        "/the-thao/",
        "/van-hoa/",
        "/chu-de/cau/",
        "/chu-de/cau/trang-2/",
        "/chu-de/song/",
        "/luu-tru/2021-12/",
        "/luu-tru/2021-11/",
        "/luu-tru/2021-11/trang-2/",
        "/luu-tru/2021-10/",
      ].map((path) => ({ loc: `${base}${path}`, lastmod: null })),
    ]);
  });

  it("tells the comment function the site's zone and newsroom, every article's URL, headline and whether it takes comments", () => {
    expect(catalog.commentManifest).toEqual({
      language: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
      newsroomName: "Ban biên tập",
      articles: {
        a: { url: "/the-thao/a/", open: true, title: "Tin a" },
        b: { url: "/thoi-su/b/", open: true, title: "Tin b" },
        c: { url: "/thoi-su/c/", open: true, title: "Tin c" },
        f: { url: "/thoi-su/f/", open: true, title: "Tin f" },
        d: { url: "/van-hoa/d/", open: true, title: "Tin d" },
        e: { url: "/doi-song/e/", open: false, title: "Tin e" },
      },
    });
  });

  it("makes the site feed, one feed per section and the comment feed", () => {
    expect(catalog.feeds.map((f) => [f.path, f.title, f.entries.map((e) => e.article.slug)])).toEqual([
      ["/feed.xml", "Bản tin", ["a", "b"]],
      ["/thoi-su/feed.xml", "Bản tin – Thời sự", ["b", "c"]],
      ["/doi-song/feed.xml", "Bản tin – Đời sống", ["e"]],
      ["/the-thao/feed.xml", "Bản tin – Thể thao", ["a"]],
      ["/van-hoa/feed.xml", "Bản tin – Văn hóa", ["d"]],
    ]);
    expect(catalog.commentFeed.entries.map((e) => e.comment.id)).toEqual(["01E1", "01B2"]);
  });

  it("still builds a home, archive and feeds for a site without articles", () => {
    const empty = buildCatalog([], config, vi, now);
    expect(empty.site.sections).toEqual([]);
    expect(empty.home.latest).toEqual([]);
    expect(empty.articlePages).toEqual([]);
    expect(empty.feeds.map((f) => [f.path, f.updatedIso, f.entries.length])).toEqual([["/feed.xml", "2022-01-01T07:00:00+07:00", 0]]);
    expect(empty.sitemap).toEqual([
      { loc: "https://bt.example/", lastmod: null },
      { loc: "https://bt.example/luu-tru/", lastmod: null },
      { loc: "https://bt.example/chu-de/", lastmod: null },
    ]);
    expect(empty.commentManifest).toEqual({ language: "vi", timeZone: "Asia/Ho_Chi_Minh", newsroomName: "Ban biên tập", articles: {} });
  });
});
