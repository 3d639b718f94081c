import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../../lib/core/catalog.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { listSearchRecords, toPlainText } from "../../../lib/core/search-records.ts";
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
