import { describe, expect, it } from "vitest";
import { prepareArticle } from "../../../lib/core/article.ts";
import { checkCollection } from "../../../lib/core/collection.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example" }) as { config: SiteConfig }).config;
const article = (file: string, frontMatter: Record<string, unknown>) =>
  prepareArticle(
    {
      file,
      slugSource: file.replace(/\.md$/, ""),
      frontMatter: { title: "T", date: "2021-12-08T10:00:00+07:00", author: "A", section: "Đời sống", ...frontMatter },
      body: "x",
      bodyLine: 6,
    },
    config,
  ).article!;

describe("checks across articles", () => {
  it("refuses duplicate slugs, listing-page slugs, reserved sections and two spellings of one section", () => {
    const problems = checkCollection(
      [
        article("a.md", {}),
        article("b.md", { slug: "a" }),
        article("trang-2.md", {}),
        article("c.md", { section: "Chủ đề" }),
        article("d.md", { section: "Doi song" }),
      ],
      vi,
    );
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual(["b.md slug", "trang-2.md slug", "c.md section", "d.md section"]);
    expect(problems[1]!.message).toContain("trùng địa chỉ trang danh sách");
  });
});
