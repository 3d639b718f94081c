import { describe, expect, it } from "vitest";
import { prepareArticle, renderArticle } from "../../../lib/core/article.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import type { PhotoSet } from "../../../lib/core/picture.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example" }) as { config: SiteConfig }).config;
const base = { title: "T", date: "2021-12-08T10:00:00+07:00", author: "Minh Thư", section: "Đời sống" };
const prepare = (frontMatter: Record<string, unknown>, body = "x", site = config) =>
  prepareArticle(
    {
      file: "content/articles/a.md",
      slugSource: "a",
      frontMatter: { ...base, ...frontMatter },
      body,
      bodyLine: 8,
      keyLines: { updated: 3 },
    },
    site,
  );
const set = (name: string): PhotoSet => ({
  formats: [{ format: "jpeg", mimeType: "image/jpeg", variants: [{ url: `/img/${name}-400.jpeg`, width: 400, height: 300 }] }],
});
const render = (frontMatter: Record<string, unknown>, body = "x") =>
  renderArticle(prepare(frontMatter, body).article!, (src) => set(src.replace(/\W/g, "")), config, vi);

describe("an updated date", () => {
  it("before the publication date is a problem with file, field, line and what to write", () => {
    const { article, problems } = prepare({ updated: "2021-12-07T09:00:00+07:00" });
    expect(article).toBeNull();
    expect(problems).toEqual([
      {
        file: "content/articles/a.md",
        field: "updated",
        line: 3,
        message: expect.stringMatching(
          /2021-12-07T09:00:00\+07:00 sớm hơn ngày đăng 2021-12-08T10:00:00\+07:00.*updated: 2021-12-09T08:15/,
        ),
      },
    ]);
    const english = prepare({ updated: "2021-12-07T09:00:00+07:00" }, "x", { ...config, language: "en" }).problems[0]!.message;
    expect(english).toContain("is earlier than the publication date");
  });

  it("after it (or equal) is kept, with the date line's format", () => {
    expect(prepare({ updated: "2021-12-08T10:00:00+07:00" }).problems).toEqual([]);
    expect(render({ updated: "2021-12-09T08:15:00+07:00" }).updated).toMatchObject({
      iso: "2021-12-09T08:15:00+07:00",
      line: "Thứ Năm, 09/12/2021 08:15",
    });
    expect(render({}).updated).toBeNull();
  });
});

describe("the main photo and credits", () => {
  const image = { src: "./chinh.jpg", alt: "Bếp", caption: "Bữa ăn." };

  it("shows the main photo at the head, eager, with the photographer's credit when not the author", () => {
    const article = render({ image, photoCredit: "Lê Thu Hà" }, '![b](./b.jpg "Thân bài.")');
    expect(article.headPhoto).toMatchObject({ caption: "Bữa ăn.", credit: "Ảnh: LÊ THU HÀ" });
    expect(article.headPhoto!.pictureHtml).toContain('loading="eager" fetchpriority="high"');
    expect(article.bodyHtml).toContain('loading="lazy"');
    expect(article.bodyHtml).toContain('<figcaption>Thân bài. <span class="photo-credit">Ảnh: LÊ THU HÀ</span></figcaption>');
  });

  it("prints no credit when the author took the photos, and a photo's own credit always", () => {
    const own = render({ image: { ...image, credit: "ttxvn" }, photoCredit: "minh thư" }, '![b](./b.jpg "Thân bài. | Ảnh: Reuters")');
    expect(own.headPhoto?.credit).toBe("Ảnh: TTXVN");
    expect(own.bodyHtml).toContain('Thân bài. <span class="photo-credit">Ảnh: REUTERS</span>');
    const none = render({ image, photoCredit: "Minh Thư" }, '![b](./b.jpg "Thân bài.")');
    expect(none.headPhoto?.credit).toBeNull();
    expect(none.bodyHtml).not.toContain("photo-credit");
  });

  it("leaves the head empty with image.show: false, and the first body photo loads first", () => {
    const article = render({ image: { ...image, show: false } }, '![b](./chinh.jpg "Bữa ăn.")');
    expect(article.headPhoto).toBeNull();
    expect(article.image?.alt).toBe("Bếp");
    expect(article.bodyHtml).toContain('loading="eager" fetchpriority="high"');
  });

  it("says the credit in the site's language", () => {
    const prepared = prepare({ image, photoCredit: "Lê Thu Hà" }, "x", { ...config, language: "en" }).article!;
    expect(renderArticle(prepared, () => set("a"), { ...config, language: "en" }, en).headPhoto?.credit).toBe("Photo: LÊ THU HÀ");
  });
});
