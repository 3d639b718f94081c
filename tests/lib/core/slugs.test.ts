import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlug, slugify } from "../../../lib/core/slugs.ts";

describe("Vietnamese-aware slugs", () => {
  it.each([
    ["Tin hoạt động", "tin-hoat-dong"],
    ["Đời sống", "doi-song"],
    ["ĐỘI TUYỂN Việt Nam", "doi-tuyen-viet-nam"],
    ["Khoa học - Công nghệ", "khoa-hoc-cong-nghe"],
    ["Tin hoạt động".normalize("NFD"), "tin-hoat-dong"],
    ["  Năm 2022: 168 văn bản!  ", "nam-2022-168-van-ban"],
    ["???", ""],
  ])("%s → %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("recognises a slug", () => {
    expect(isSlug("tin-hoat-dong")).toBe(true);
    expect(isSlug("Tin-hoat")).toBe(false);
    expect(isSlug("a--b")).toBe(false);
  });
});

describe("slugify on any text", () => {
  it("gives a valid slug or nothing, and is stable when applied again", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        const slug = slugify(text);
        if (slug !== "") expect(isSlug(slug)).toBe(true);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses empty and dash-edged slugs", () => {
    expect(isSlug("")).toBe(false);
    expect(isSlug("-a")).toBe(false);
    expect(isSlug("a-")).toBe(false);
    expect(isSlug("tin-2021")).toBe(true);
  });
});
