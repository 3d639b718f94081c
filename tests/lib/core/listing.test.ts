import { describe, expect, it } from "vitest";
import type { Article } from "../../../lib/core/article.ts";
import { getPageUrl, paginate, pickRelated, toCard, type ListingKind } from "../../../lib/core/listing.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";

const config = (parseSiteConfig({ name: "Bản tin", url: "https://bt.example", pageSize: 2 }) as { config: SiteConfig }).config;

const article = (slug: string): Article => ({
  file: `content/${slug}.md`,
  slug,
  url: `/doi-song/${slug}/`,
  title: `Tin ${slug}`,
  lead: null,
  author: "Anh Khôi",
  photoCredit: null,
  section: { name: "Đời sống", slug: "doi-song", url: "/doi-song/" },
  tags: [],
  date: new Date("2021-12-08T09:30:00Z"),
  dateIso: "2021-12-08T16:30:00+07:00",
  dateLine: "Thứ Tư, 08/12/2021 16:30",
  dateShort: "08/12/2021",
  monthKey: "2021-12",
  acceptsComments: true,
  pin: null,
  image: null,
  updated: null,
  headPhoto: null,
  byline: [{ label: "Tin", name: "ANH KHÔI" }],
  bodyHtml: "<p>x</p>",
});

const kind: ListingKind = { heading: "Đời sống", feedUrl: "/doi-song/feed.xml", navUrl: "/doi-song/", showSection: false, monthNav: null };

describe("toCard", () => {
  it("keeps what a listing shows and the comment count", () => {
    expect(toCard(article("a"), 3)).toEqual({
      slug: "a",
      title: "Tin a",
      url: "/doi-song/a/",
      lead: null,
      dateIso: "2021-12-08T16:30:00+07:00",
      dateShort: "08/12/2021",
      section: { name: "Đời sống", url: "/doi-song/" },
      image: null,
      commentCount: 3,
    });
    expect(toCard(article("a")).commentCount).toBe(0);
  });
});

describe("getPageUrl", () => {
  it("keeps page 1 at the listing's address and names later pages in the locale", () => {
    expect(getPageUrl("/doi-song/", 1, vi)).toBe("/doi-song/");
    expect(getPageUrl("/doi-song/", 2, vi)).toBe("/doi-song/trang-2/");
    expect(getPageUrl("/tag/x/", 3, en)).toBe("/tag/x/page-3/");
  });
});

describe("paginate", () => {
  it("splits cards into linked pages of pageSize", () => {
    const cards = ["a", "b", "c", "d", "e"].map((slug) => toCard(article(slug)));
    const pages = paginate(cards, "/doi-song/", kind, config, vi);
    expect(pages.map((p) => [p.url, p.items.map((c) => c.slug), p.page, p.pages, p.pageLabel, p.prevUrl, p.nextUrl])).toEqual([
      ["/doi-song/", ["a", "b"], 1, 3, "Trang 1/3", null, "/doi-song/trang-2/"],
      ["/doi-song/trang-2/", ["c", "d"], 2, 3, "Trang 2/3", "/doi-song/", "/doi-song/trang-3/"],
      ["/doi-song/trang-3/", ["e"], 3, 3, "Trang 3/3", "/doi-song/trang-2/", null],
    ]);
    expect(pages[0]!).toMatchObject({ heading: "Đời sống", feedUrl: "/doi-song/feed.xml", navUrl: "/doi-song/", showSection: false });
    expect(pages[0]!.meta.title).toBe("Đời sống – Bản tin");
    expect(pages[1]!.meta.title).toBe("Đời sống – Trang 2/3 – Bản tin");
    expect(pages[2]!.meta.canonical).toBe("https://bt.example/doi-song/trang-3/");
  });

  it("gives an empty listing one empty page", () => {
    const pages = paginate([], "/chu-de/moi/", kind, config, vi);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      url: "/chu-de/moi/",
      items: [],
      page: 1,
      pages: 1,
      pageLabel: "Trang 1/1",
      prevUrl: null,
      nextUrl: null,
    });
  });

  it("fills exactly full pages without an empty last page", () => {
    const cards = ["a", "b", "c", "d"].map((slug) => toCard(article(slug)));
    expect(paginate(cards, "/x/", kind, config, en).map((p) => p.url)).toEqual(["/x/", "/x/page-2/"]);
  });
});

describe("pickRelated", () => {
  const list = ["n0", "n1", "n2", "n3", "n4", "n5"];

  it("alternates newer and older neighbours, nearest first", () => {
    expect(pickRelated(list, 2, 4)).toEqual(["n1", "n3", "n0", "n4"]);
    expect(pickRelated(list, 2, 3)).toEqual(["n1", "n3", "n0"]);
  });

  it("takes from one side when the other runs out", () => {
    expect(pickRelated(list, 0, 3)).toEqual(["n1", "n2", "n3"]);
    expect(pickRelated(list, 5, 2)).toEqual(["n4", "n3"]);
    expect(pickRelated(list, 4, 4)).toEqual(["n3", "n5", "n2", "n1"]);
  });

  it("never returns the article itself nor more than there are", () => {
    expect(pickRelated(list, 1, 10)).toEqual(["n0", "n2", "n3", "n4", "n5"]);
    expect(pickRelated(["only"], 0, 4)).toEqual([]);
    expect(pickRelated(list, 3, 0)).toEqual([]);
  });
});
