import { describe, expect, it } from "vitest";
import { validateFrontMatter } from "../../../lib/core/article-schema.ts";
import { en } from "../../../lib/core/locales/en.ts";

const valid = { title: "Tiêu đề", date: "2021-12-08T16:30:00+07:00", author: "Anh Khôi", section: "Tin hoạt động" };

describe("front matter validation", () => {
  it("accepts a minimal article and fills defaults", () => {
    const result = validateFrontMatter(valid, "a.md", "Asia/Ho_Chi_Minh");
    expect(result.problems).toEqual([]);
    expect(result.data).toMatchObject({ tags: [], draft: false, comments: true });
    expect(result.data!.date.toISOString()).toBe("2021-12-08T09:30:00.000Z");
  });

  it("lists every problem with the field and an example", () => {
    const result = validateFrontMatter(
      { ...valid, title: "", date: "hôm nay", image: { src: "./a.jpg" }, draft: "yes", Author: "x" },
      "a.md",
      "UTC",
    );
    const byField = Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).toEqual(["Author", "date", "draft", "image.alt", "title"]);
    expect(byField.title).toContain("đang để trống");
    expect(byField["image.alt"]).toContain("còn thiếu");
    expect(byField.draft).toContain("phải là true hoặc false");
    expect(byField.Author).toContain('có phải ý bạn là "author"?');
    expect(result.problems.every((p) => p.file === "a.md")).toBe(true);
  });

  it("speaks the site's language and gives each problem the line of its key", () => {
    const keyLines = { title: 2, date: 3, image: 6, "image.src": 7, Author: 9 };
    const result = validateFrontMatter({ ...valid, title: "", image: { src: "./a.jpg" }, Author: "x" }, "a.md", "UTC", en, keyLines);
    const byField = Object.fromEntries(result.problems.map((p) => [p.field, p]));
    expect(byField.title).toMatchObject({ line: 2, message: expect.stringContaining("is empty. Write it like: title:") });
    expect(byField["image.alt"]).toMatchObject({ line: 6, message: expect.stringContaining('alt: "What the photo shows') });
    expect(byField.Author).toMatchObject({ line: 9, message: 'is not a known field; did you mean "author"?' });
  });

  it("suggests the known field for a typo", () => {
    const fields = validateFrontMatter({ ...valid, autor: "x", secton: "y", photo_credit: "z", bogus: 1 }, "a.md", "UTC", en).problems;
    const byField = Object.fromEntries(fields.map((p) => [p.field, p.message]));
    expect(byField.autor).toContain('did you mean "author"?');
    expect(byField.secton).toContain('did you mean "section"?');
    expect(byField.photo_credit).toContain('did you mean "photoCredit"?');
    expect(byField.bogus).toContain("known fields are title, date");
  });

  it("refuses a slug that is not URL-safe", () => {
    expect(validateFrontMatter({ ...valid, slug: "Tin Mới" }, "a.md", "UTC").problems[0]?.field).toBe("slug");
  });
});

describe("examples for the fields of issue 11", () => {
  const wrong = {
    updated: "hôm qua",
    featured: "có",
    featuredUntil: "mai",
    image: { src: "./a.jpg", alt: "A", credit: "", show: "không" },
  };

  it.each([
    [
      "vi",
      undefined,
      ["updated: 2021-12-09T08:15", "featured: true", "featuredUntil: 2021-12-10T18:00", "credit: Lê Thu Hà", "show: false"],
    ],
    ["en", en, ["updated: 2021-12-09T08:15", "featured: true", "featuredUntil: 2021-12-10T18:00", "credit: Lê Thu Hà", "show: false"]],
  ] as const)("are given in %s", (_lang, locale, examples) => {
    const problems = validateFrontMatter({ ...valid, ...wrong }, "a.md", "UTC", locale).problems;
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).toEqual(["featured", "featuredUntil", "image.credit", "image.show", "updated"]);
    expect([byField.updated, byField.featured, byField.featuredUntil, byField["image.credit"], byField["image.show"]]).toEqual(
      examples.map((example) => expect.stringContaining(example)),
    );
  });
});
