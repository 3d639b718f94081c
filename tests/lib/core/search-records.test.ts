import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../lib/core/catalog.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { groupSearchRecordsByYear, listSearchRecords, type SearchRecord, toPlainText } from "../../../lib/core/search-records.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";
import { makeArticle } from "../../helpers/articles.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example", description: "Mô tả" }) as { config: SiteConfig }).config;
const NOW = new Date("2026-01-01T00:00:00Z");

describe("toPlainText", () => {
  it("keeps the words of rendered HTML apart, decoded, on one line", () => {
    expect(
      toPlainText(
        '<p>Cải <em>cách</em></p><p>hành&nbsp;chính &amp; &lt;b&gt; &#273;&#x1EA1;i</p>\n<figure><img alt="x"><figcaption>Ảnh</figcaption></figure>',
      ),
    ).toBe("Cải cách hành chính & <b> đại Ảnh");
  });
});

describe("listSearchRecords", () => {
  const articles = [
    makeArticle("zeta", {
      title: "Đẩy mạnh cải cách hành chính",
      lead: "Sapo.",
      bodyHtml: "<p>Thân <strong>bài</strong>.</p>",
      dateShort: "09/12/2021",
    }),
    makeArticle("alpha", { title: "Bài khác" }),
  ];

  it("gives each article page one record: lead and body text, title, section and date to show, sorted by URL", () => {
    const records = listSearchRecords(buildCatalog(articles, config, vi, NOW));
    expect(records.map((record) => record.url)).toEqual(["/doi-song/alpha/", "/doi-song/zeta/"]);
    expect(records[1]).toEqual({
      url: "/doi-song/zeta/",
      language: "vi",
      content: "Sapo.\nThân bài.",
      meta: { title: "Đẩy mạnh cải cách hành chính", section: "Đời sống", date: "09/12/2021", datetime: articles[0]!.dateIso },
      filters: { section: ["Đời sống"] },
      sort: { date: articles[0]!.dateIso },
    });
  });

  it("does not change when a comment is approved", () => {
    const comment = {
      id: "c1",
      name: "Bạn đọc",
      dateIso: NOW.toISOString(),
      dateLine: "",
      paragraphs: [["Cảm ơn"]],
      replyTo: null,
      newsroom: false,
    };
    const before = listSearchRecords(buildCatalog(articles, config, vi, NOW));
    const after = listSearchRecords(buildCatalog(articles, config, vi, NOW, new Map([["zeta", [comment]]])));
    expect(after).toEqual(before);
  });
});

describe("groupSearchRecordsByYear", () => {
  const record = (url: string, datetime: string): SearchRecord => ({
    url,
    language: "vi",
    content: url,
    meta: { datetime },
    filters: {},
    sort: { date: datetime },
  });

  it("splits by the year of the site-time date, newest year first, keeping the order within a year", () => {
    // 01/01/2022 00:30 in Hà Nội is still 2021 in UTC: the year is the one the site's readers see.
    const records = [
      record("/a/", "2021-12-31T23:30:00+07:00"),
      record("/b/", "2022-01-01T00:30:00+07:00"),
      record("/c/", "2020-05-01T08:00:00+07:00"),
      record("/d/", "2021-01-01T08:00:00+07:00"),
    ];
    const groups = groupSearchRecordsByYear(records);
    expect([...groups.keys()]).toEqual(["2022", "2021", "2020"]);
    expect(groups.get("2021")!.map((r) => r.url)).toEqual(["/a/", "/d/"]);
    expect(groups.get("2022")!.map((r) => r.url)).toEqual(["/b/"]);
  });

  it("dates records by the site's time zone, as listSearchRecords writes them", () => {
    const late = makeArticle("late", { dateIso: "2021-12-31T23:30:00+07:00" });
    const catalog = buildCatalog([late], config, vi, NOW);
    expect([...groupSearchRecordsByYear(listSearchRecords(catalog)).keys()]).toEqual(["2021"]);
  });
});
