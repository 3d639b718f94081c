import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../lib/core/catalog.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import {
  groupSearchEntries,
  listSearchEntries,
  listSearchRecords,
  type SearchRecord,
  toPlainText,
  toSearchEntry,
} from "../../../lib/core/search-records.ts";
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
    const parts = (catalog: ReturnType<typeof buildCatalog>) => listSearchEntries(catalog).map((entry) => entry.parts);
    expect(parts(buildCatalog(articles, config, vi, NOW, new Map([["zeta", [comment]]])))).toEqual(
      parts(buildCatalog(articles, config, vi, NOW)),
    );
  });

  it("gives an entry other parts whenever its record would differ", () => {
    const entryOf = (changes: Parameters<typeof makeArticle>[1]) => {
      const [entry] = listSearchEntries(
        buildCatalog([makeArticle("zeta", { title: "Tin", lead: "Sapo.", bodyHtml: "<p>Thân.</p>", ...changes })], config, vi, NOW),
      );
      return entry!;
    };
    const base = entryOf({});
    for (const changes of [{ title: "Tin khác" }, { lead: "Sapo khác." }, { bodyHtml: "<p>Thân khác.</p>" }, { dateShort: "10/12/2021" }]) {
      const changed = entryOf(changes);
      expect(changed.toRecord()).not.toEqual(base.toRecord());
      expect(changed.parts).not.toEqual(base.parts);
    }
    expect(entryOf({}).parts).toEqual(base.parts);
  });
});

describe("groupSearchEntries", () => {
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
    const groups = groupSearchEntries(records.map(toSearchEntry));
    expect([...groups.keys()]).toEqual(["2022", "2021", "2020"]);
    expect(groups.get("2021")!.map((r) => r.url)).toEqual(["/a/", "/d/"]);
    expect(groups.get("2022")!.map((r) => r.url)).toEqual(["/b/"]);
  });

  it("splits a year above the shard size into months, and such a month into days, newest first", () => {
    const records = [
      record("/a/", "2023-01-05T08:00:00+07:00"),
      record("/b/", "2023-01-05T09:00:00+07:00"),
      record("/c/", "2023-01-20T08:00:00+07:00"),
      record("/d/", "2023-03-01T08:00:00+07:00"),
      record("/e/", "2022-07-01T08:00:00+07:00"),
      record("/f/", "2022-08-01T08:00:00+07:00"),
    ];
    // Three records a shard: 2023 (4) splits into January (3, kept) and March; 2022 (2) stays whole.
    expect([...groupSearchEntries(records.map(toSearchEntry), 3).keys()]).toEqual(["2023-03", "2023-01", "2022"]);
    // Two a shard: January 2023 (3) splits again into days.
    const groups = groupSearchEntries(records.map(toSearchEntry), 2);
    expect([...groups.keys()]).toEqual(["2023-03", "2023-01-20", "2023-01-05", "2022"]);
    expect(groups.get("2023-01-05")!.map((r) => r.url)).toEqual(["/a/", "/b/"]);
    // A day is never split: one day's records stay together whatever their number.
    expect([...groupSearchEntries(records.map(toSearchEntry), 1).keys()]).toContain("2023-01-05");
  });

  it("keeps a record in its shard when another article is added to a shard that stays under the size", () => {
    const records = [record("/a/", "2023-01-05T08:00:00+07:00"), record("/b/", "2023-02-05T08:00:00+07:00")];
    const before = groupSearchEntries(records.map(toSearchEntry), 2);
    const after = groupSearchEntries([...records, record("/c/", "2024-01-01T08:00:00+07:00")].map(toSearchEntry), 2);
    expect(after.get("2023")?.map((entry) => entry.url)).toEqual(["/a/", "/b/"]);
    expect(before.get("2023")?.map((entry) => entry.url)).toEqual(["/a/", "/b/"]);
  });

  it("dates records by the site's time zone, as listSearchRecords writes them", () => {
    const late = makeArticle("late", { dateIso: "2021-12-31T23:30:00+07:00" });
    const catalog = buildCatalog([late], config, vi, NOW);
    expect([...groupSearchEntries(listSearchEntries(catalog)).keys()]).toEqual(["2021"]);
  });
});
