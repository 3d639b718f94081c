import { describe, expect, it } from "vitest";
import { validateFrontMatter } from "../../../lib/core/article-schema.ts";

const valid = { title: "Tiêu đề", date: "2021-12-08T16:30:00+07:00", author: "Anh Khôi", section: "Tin hoạt động" };

describe("front matter validation", () => {
  it("accepts a minimal article and fills defaults", () => {
    const result = validateFrontMatter(valid, "a.md", "Asia/Ho_Chi_Minh");
    expect(result.problems).toEqual([]);
    expect(result.data).toMatchObject({ tags: [], draft: false, comments: true });
    expect(result.data!.date.toISOString()).toBe("2021-12-08T09:30:00.000Z");
  });

  it("lists every problem with the field and an example", () => {
    const result = validateFrontMatter({ ...valid, title: "", date: "hôm nay", image: { src: "./a.jpg" }, draft: "yes", Author: "x" }, "a.md", "UTC");
    const byField = Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).toEqual(["Author", "date", "draft", "image.alt", "title"]);
    expect(byField.title).toContain("is empty");
    expect(byField["image.alt"]).toContain("is missing");
    expect(byField.draft).toContain("should be a boolean");
    expect(byField.Author).toContain('did you mean "author"?');
    expect(result.problems.every((p) => p.file === "a.md")).toBe(true);
  });

  it("refuses a slug that is not URL-safe", () => {
    expect(validateFrontMatter({ ...valid, slug: "Tin Mới" }, "a.md", "UTC").problems[0]?.field).toBe("slug");
  });
});
