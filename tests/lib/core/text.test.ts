import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capitalizeFirst, escapeHtml, normalizeDeep, normalizeText, shortenAtWord, toBylineName } from "../../../lib/core/text.ts";

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

describe("shortenAtWord", () => {
  const sapo = "BT – Chiều 8/12, đoàn công tác đã kiểm tra việc triển khai cải cách hành chính tại nhà máy.";

  it("cuts Vietnamese text between words and ends with an ellipsis", () => {
    // 60 characters end inside "cải": the whole syllable goes, never "c…".
    expect(Array.from(sapo).slice(57, 61).join("")).toBe("i cả");
    expect(shortenAtWord(sapo, 60)).toBe("BT – Chiều 8/12, đoàn công tác đã kiểm tra việc triển khai…");
    expect(shortenAtWord(sapo, 63)).toBe("BT – Chiều 8/12, đoàn công tác đã kiểm tra việc triển khai cải…");
    expect(shortenAtWord(sapo, 200)).toBe(sapo);
  });

  it("keeps a word that ends exactly at the cut and drops dangling punctuation", () => {
    expect(shortenAtWord("Một hai ba bốn", 7)).toBe("Một hai…");
    expect(shortenAtWord("BT – Chiều 8/12, đoàn", 16)).toBe("BT – Chiều 8/12…");
  });

  it("never splits a word, for any text and length", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("cải", "cách", "hành", "chính", "người", "lao", "động", "8/12,", "–"), { minLength: 1 }),
        fc.integer({ min: 5, max: 60 }),
        (words, max) => {
          const text = words.join(" ");
          const short = shortenAtWord(text, max);
          if (short === text) return;
          const kept = short.slice(0, -1).split(" ");
          expect(short.endsWith("…")).toBe(true);
          if (Array.from(words[0]!).length > max) return;
          expect(Array.from(short.slice(0, -1)).length).toBeLessThanOrEqual(max);
          // Every kept word is a whole word of the text, in order; only the last may lose trailing punctuation.
          expect(kept.slice(0, -1)).toEqual(words.slice(0, kept.length - 1));
          expect(words[kept.length - 1]!.replace(/[,;:–]+$/u, "")).toBe(kept.at(-1)!.replace(/[,;:–]+$/u, ""));
        },
      ),
    );
  });
});

describe("capitalizeFirst", () => {
  it("upper-cases the first letter only", () => {
    expect(capitalizeFirst("người lao động", "vi")).toBe("Người lao động");
    expect(capitalizeFirst("đời sống AI", "vi")).toBe("Đời sống AI");
    expect(capitalizeFirst("", "vi")).toBe("");
  });
});
