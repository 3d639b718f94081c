import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, normalizeDeep, normalizeText, toBylineName } from "../../../lib/core/text.ts";

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    expect(escapeHtml("Tin hoạt động")).toBe("Tin hoạt động");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });

  it("never leaves a raw <, >, \" or ' and keeps every other character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"']/);
        const back = out
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&");
        expect(back).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("normalizeText", () => {
  it("composes decomposed Vietnamese to NFC", () => {
    const decomposed = "Tin hoạt động".normalize("NFD");
    expect(decomposed).not.toBe("Tin hoạt động");
    expect(normalizeText(decomposed)).toBe("Tin hoạt động");
  });

  it("drops controls, noncharacters and lone surrogates but keeps tab, newline and emoji", () => {
    expect(normalizeText("a\u0000b\u0008c\u000bd\ufffee\ud800f")).toBe("abcdef");
    expect(normalizeText("a\tb\nc\r\nd 😀")).toBe("a\tb\nc\r\nd 😀");
  });
});

describe("normalizeDeep", () => {
  it("normalizes every string in plain objects and arrays and keeps other values", () => {
    const date = new Date(0);
    const input = { title: "Đời sống".normalize("NFD"), tags: ["Việt\u0000", 3], nested: { ok: true, none: null, date } };
    const out = normalizeDeep(input);
    expect(out).toEqual({ title: "Đời sống", tags: ["Việt", 3], nested: { ok: true, none: null, date } });
    expect(out.nested.date).toBe(date);
    expect(input.title).toBe("Đời sống".normalize("NFD"));
  });

  it("leaves class instances alone", () => {
    const map = new Map([["k", "e\u0301"]]);
    expect(normalizeDeep(map)).toBe(map);
  });
});

describe("toBylineName", () => {
  it("upper-cases in the site's language and folds whitespace", () => {
    expect(toBylineName("  Anh   Khôi\t", "vi")).toBe("ANH KHÔI");
    expect(toBylineName("đặng thị ngọc", "vi")).toBe("ĐẶNG THỊ NGỌC");
    expect(toBylineName("i", "tr")).toBe("İ");
  });
});
