import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../lib/core/article.ts";
import {
  composeArticleTitle,
  describeArticle,
  describeArticleOnDemand,
  describePage,
  serializeJsonForHtml,
  toAbsoluteUrl,
} from "../../../lib/core/seo.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";

const config = (parseSiteConfig({ name: "Bản tin", url: "https://bt.example/", description: "Tin địa phương" }) as { config: SiteConfig })
  .config;

describe("serializeJsonForHtml", () => {
  it("escapes what could close the script element or start a comment", () => {
    const out = serializeJsonForHtml({ t: "</script><!-- & \u2028\u2029" });
    expect(out).toBe('{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}');
    expect(JSON.parse(out)).toEqual({ t: "</script><!-- & \u2028\u2029" });
  });

  it("round-trips any JSON value and never contains <, > or &", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const out = serializeJsonForHtml(value);
        expect(out).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("toAbsoluteUrl", () => {
  it("resolves site paths against the configured address", () => {
    expect(toAbsoluteUrl(config, "/doi-song/tin/")).toBe("https://bt.example/doi-song/tin/");
    expect(toAbsoluteUrl(config, "/")).toBe("https://bt.example/");
    expect(toAbsoluteUrl(config, "/chủ-đề/")).toBe("https://bt.example/ch%E1%BB%A7-%C4%91%E1%BB%81/");
  });
});

describe("describePage", () => {
  it("titles a page after the site and falls back to the site description", () => {
    expect(describePage(config, "/luu-tru/", "Lưu trữ")).toEqual({
      title: "Lưu trữ – Bản tin",
      description: "Tin địa phương",
      canonical: "https://bt.example/luu-tru/",
      ogType: "website",
      image: { url: "https://bt.example/assets/logo.png", width: null, height: null, alt: "Bản tin" },
      twitterCard: "summary",
      jsonLd: null,
      article: null,
    });
    expect(describePage(config, "/", null, "Riêng").title).toBe("Bản tin");
    expect(describePage(config, "/", null, "Riêng").description).toBe("Riêng");
  });

  it("shares site.json defaultImage as an absolute URL, a large card; the logo when it is not set", () => {
    const withImage = { ...config, defaultImage: "/assets/chia-se.jpg", logo: "https://cdn.example/logo.png" };
    expect(describePage(withImage, "/doi-song/", "Đời sống")).toMatchObject({
      image: { url: "https://bt.example/assets/chia-se.jpg", alt: "Bản tin" },
      twitterCard: "summary_large_image",
    });
    expect(describePage({ ...config, logo: "https://cdn.example/logo.png" }, "/", null).image?.url).toBe("https://cdn.example/logo.png");
  });
});

describe("composeArticleTitle", () => {
  it("adds the site name after a hyphen while the whole stays within 70 characters", () => {
    const fits = "a".repeat(70 - " - Bản tin".length);
    expect(composeArticleTitle(fits, "Bản tin")).toBe(`${fits} - Bản tin`);
    expect(composeArticleTitle(`${fits}b`, "Bản tin")).toBe(`${fits}b`);
    const long = "Khánh thành dây chuyền gia công chính xác tại Công ty Thiết bị Đông Hải";
    expect(composeArticleTitle(long, "Bản Tin")).toBe(long);
  });
});

const article = (over: Partial<Article> = {}): Article => ({
  file: "content/a.md",
  slug: "tin",
  url: "/doi-song/tin/",
  title: "Tin </script>",
  lead: "Dẫn",
  author: "Anh Khôi",
  photoCredit: "Quang Huy",
  section: { name: "Đời sống", slug: "doi-song", url: "/doi-song/" },
  tags: [
    { name: "Cầu", slug: "cau", url: "/chu-de/cau/" },
    { name: "Sông", slug: "song", url: "/chu-de/song/" },
  ],
  date: new Date("2021-12-08T09:30:00Z"),
  dateIso: "2021-12-08T16:30:00+07:00",
  dateLine: "",
  dateShort: "08/12/2021",
  monthKey: "2021-12",
  acceptsComments: true,
  pin: null,
  image: {
    set: {
      formats: [
        {
          format: "jpeg",
          mimeType: "image/jpeg",
          variants: [
            { url: "/img/a-400.jpg", width: 400, height: 300 },
            { url: "/img/a-800.jpg", width: 800, height: 600 },
          ],
        },
      ],
    },
    alt: "Ảnh",
    caption: null,
    credit: null,
  },
  updated: null,
  headPhoto: null,
  byline: [],
  bodyHtml: "",
  ...over,
});

describe("describeArticle", () => {
  it("gives Open Graph data and NewsArticle JSON-LD", () => {
    const meta = describeArticle(article(), config, "vi");
    expect(meta).toMatchObject({
      title: "Tin </script> - Bản tin",
      description: "Dẫn",
      canonical: "https://bt.example/doi-song/tin/",
      ogType: "article",
      image: { url: "https://bt.example/img/a-800.jpg", width: 800, height: 600, alt: "Ảnh" },
      twitterCard: "summary_large_image",
      article: { publishedIso: "2021-12-08T16:30:00+07:00", modifiedIso: null, section: "Đời sống", tags: ["Cầu", "Sông"] },
    });
    expect(meta.jsonLd).not.toContain("</script>");
    expect(JSON.parse(meta.jsonLd!)).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Tin </script>",
      description: "Dẫn",
      datePublished: "2021-12-08T16:30:00+07:00",
      dateModified: "2021-12-08T16:30:00+07:00",
      author: [
        { "@type": "Person", name: "Anh Khôi" },
        { "@type": "Person", name: "Quang Huy" },
      ],
      image: ["https://bt.example/img/a-800.jpg"],
      articleSection: "Đời sống",
      keywords: "Cầu, Sông",
      inLanguage: "vi",
      mainEntityOfPage: { "@type": "WebPage", "@id": "https://bt.example/doi-song/tin/" },
      publisher: {
        "@type": "Organization",
        name: "Bản tin",
        url: "https://bt.example/",
        logo: { "@type": "ImageObject", url: "https://bt.example/assets/logo.png" },
      },
    });
  });

  it("says when the article was updated: dateModified and article:modified_time", () => {
    const updated = { date: new Date("2021-12-09T01:15:00Z"), iso: "2021-12-09T08:15:00+07:00", line: "" };
    const meta = describeArticle(article({ updated }), config, "vi");
    expect(JSON.parse(meta.jsonLd!)).toMatchObject({
      datePublished: "2021-12-08T16:30:00+07:00",
      dateModified: "2021-12-09T08:15:00+07:00",
    });
    expect(meta.article?.modifiedIso).toBe("2021-12-09T08:15:00+07:00");
  });

  it("leaves out what the article does not have", () => {
    const meta = describeArticle(article({ lead: null, photoCredit: "Anh Khôi", tags: [], image: null }), config, "en");
    expect(meta.description).toBe("Tin địa phương");
    // No photo of its own: the card shows the site's image (here the logo).
    expect(meta.image?.url).toBe("https://bt.example/assets/logo.png");
    expect(meta.twitterCard).toBe("summary");
    const ld = JSON.parse(meta.jsonLd!);
    expect(ld.author).toEqual([{ "@type": "Person", name: "Anh Khôi" }]);
    expect(Object.keys(ld)).not.toContain("description");
    expect(Object.keys(ld)).not.toContain("image");
    expect(Object.keys(ld)).not.toContain("keywords");
    expect(ld.inLanguage).toBe("en");
  });
});

describe("describeArticleOnDemand", () => {
  it("gives describeArticle's fields, worked out on first read, and the key fingerprints print", () => {
    const keyed = article({ sourceKey: "k1" });
    const lazy = describeArticleOnDemand(keyed, config, "vi");
    expect(lazy.sourceKey).toBe("meta k1");
    // Copied to another thread as a page's data: every field arrives as describeArticle gives it.
    expect(structuredClone(lazy)).toEqual({ ...describeArticle(keyed, config, "vi"), sourceKey: "meta k1" });
    expect(describeArticleOnDemand(article(), config, "vi")).toEqual(describeArticle(article(), config, "vi"));
  });
});
