import { describe, expect, it } from "vitest";
import type { Article } from "../../../lib/core/article.ts";
import type { PublishedComment } from "../../../lib/core/catalog.ts";
import { buildCommentFeed, buildFeed, findLastChange, getModifiedIso } from "../../../lib/core/feeds.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";
import { makeArticle } from "../../helpers/articles.ts";

const config = (parseSiteConfig({ name: "Bản tin", url: "https://bt.example", feedSize: 2 }) as { config: SiteConfig }).config;
const now = new Date("2022-01-01T00:00:00Z");

const article = (slug: string, dateIso: string): Article =>
  makeArticle(slug, { file: `content/${slug}.md`, date: new Date(dateIso), dateIso, bodyHtml: "" });

const comment = (id: string, dateIso: string): PublishedComment => ({
  id,
  name: "Bạn đọc",
  dateIso,
  dateLine: "",
  paragraphs: [["x"]],
  replyTo: null,
  newsroom: false,
});

describe("buildFeed", () => {
  it("dates the feed by its latest change: an update to an older story counts", () => {
    const updated = { date: new Date("2021-12-10T01:00:00Z"), iso: "2021-12-10T08:00:00+07:00", line: "" };
    const articles = [article("c", "2021-12-09T08:00:00+07:00"), { ...article("b", "2021-12-08T08:00:00+07:00"), updated }];
    expect(buildFeed("/feed.xml", "Bản tin", "/", articles, config, now).updatedIso).toBe("2021-12-10T08:00:00+07:00");
    expect(findLastChange(articles)).toBe("2021-12-10T08:00:00+07:00");
    expect(getModifiedIso(articles[0]!)).toBe("2021-12-09T08:00:00+07:00");
    expect(findLastChange([])).toBeNull();
  });

  it("keeps the newest feedSize articles with absolute links and dates the feed by the first", () => {
    const articles = [
      article("c", "2021-12-09T08:00:00+07:00"),
      article("b", "2021-12-08T08:00:00+07:00"),
      article("a", "2021-12-07T08:00:00+07:00"),
    ];
    const feed = buildFeed("/doi-song/feed.xml", "Bản tin – Đời sống", "/doi-song/", articles, config, now);
    expect(feed.entries.map((e) => [e.article.slug, e.absoluteUrl])).toEqual([
      ["c", "https://bt.example/doi-song/c/"],
      ["b", "https://bt.example/doi-song/b/"],
    ]);
    expect(feed).toMatchObject({
      path: "/doi-song/feed.xml",
      title: "Bản tin – Đời sống",
      selfUrl: "https://bt.example/doi-song/feed.xml",
      alternateUrl: "https://bt.example/doi-song/",
      updatedIso: "2021-12-09T08:00:00+07:00",
    });
  });

  it("dates an empty feed by now in the site's zone", () => {
    const feed = buildFeed("/feed.xml", "Bản tin", "/", [], config, now);
    expect(feed.entries).toEqual([]);
    expect(feed.updatedIso).toBe("2022-01-01T07:00:00+07:00");
  });
});

describe("buildCommentFeed", () => {
  it("merges comments across articles, newest id first, at most feedSize", () => {
    const a = article("a", "2021-12-07T08:00:00+07:00");
    const b = article("b", "2021-12-08T08:00:00+07:00");
    const feed = buildCommentFeed(
      [
        { article: a, comments: [comment("01A", "2021-12-07T09:00:00+07:00"), comment("01C", "2021-12-09T09:00:00+07:00")] },
        { article: b, comments: [comment("01B", "2021-12-08T09:00:00+07:00")] },
      ],
      config,
      vi,
      now,
    );
    expect(feed.entries.map((e) => [e.comment.id, e.article.slug, e.url])).toEqual([
      ["01C", "a", "https://bt.example/doi-song/a/#bl-01C"],
      ["01B", "b", "https://bt.example/doi-song/b/#bl-01B"],
    ]);
    expect(feed).toMatchObject({
      path: "/binh-luan/feed.xml",
      title: "Bản tin – Bình luận mới",
      selfUrl: "https://bt.example/binh-luan/feed.xml",
      updatedIso: "2021-12-09T09:00:00+07:00",
    });
  });

  it("dates a feed without comments by now", () => {
    const feed = buildCommentFeed([{ article: article("a", "2021-12-07T08:00:00+07:00"), comments: [] }], config, vi, now);
    expect(feed.entries).toEqual([]);
    expect(feed.updatedIso).toBe("2022-01-01T07:00:00+07:00");
  });
});
