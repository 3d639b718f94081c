import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { removeXmlForbiddenCharacters } from "../../../lib/core/xml.ts";
import { isFeedCodePoint } from "../../helpers/xml.ts";

// Characters at and around every edge of what XML 1.0 allows, so random strings hit them often.
const EDGES = [
  0x0, 0x1, 0x8, 0x9, 0xa, 0xb, 0xc, 0xd, 0xe, 0x1f, 0x20, 0x7f, 0x85, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfdcf, 0xfdd0,
  0xfdef, 0xfdf0, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1fffd, 0x1fffe, 0x1ffff, 0x20000, 0xefffe, 0x10fffd, 0x10fffe, 0x10ffff,
].map((code) => (code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code)));
const anyText = fc.string({
  unit: fc.oneof(fc.constantFrom(...EDGES), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })),
  maxLength: 40,
});
const keptPart = (text: string) => [...text].filter((ch) => isFeedCodePoint(ch.codePointAt(0)!)).join("");

describe("removeXmlForbiddenCharacters", () => {
  it("removes controls, noncharacters and lone surrogates, and keeps the rest", () => {
    expect(removeXmlForbiddenCharacters("a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg")).toBe("abcdefg");
    expect(removeXmlForbiddenCharacters("tab\tLF\nCR\r DEL\u007F NEL\u0085")).toBe("tab\tLF\nCR\r DEL\u007F NEL\u0085");
    expect(removeXmlForbiddenCharacters("x\uFFFEy\uFFFFz\uFDD0\uFDEF\uFDCF\uFDF0\uFFFD")).toBe("xyz\uFDCF\uFDF0\uFFFD");
    expect(removeXmlForbiddenCharacters("lone \uD800 high, \uDC00 low, \uDBFF\uD83D pair 😀 end\uD83D")).toBe(
      "lone  high,  low,  pair 😀 end",
    );
    expect(removeXmlForbiddenCharacters("\u{1FFFE}\u{1FFFF}\u{10FFFE}\u{10FFFF}\u{1FFFD}\u{10FFFD}𝄞")).toBe("\u{1FFFD}\u{10FFFD}𝄞");
    expect(removeXmlForbiddenCharacters("Tiêu đề & <b>")).toBe("Tiêu đề & <b>");
  });

  it("leaves no forbidden character in any string, and keeps the allowed ones in order", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = removeXmlForbiddenCharacters(text);
        expect([...result].every((ch) => isFeedCodePoint(ch.codePointAt(0)!))).toBe(true);
        expect(result).toBe(keptPart(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("returns text that has nothing to remove unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        fc.pre(keptPart(text) === text);
        expect(removeXmlForbiddenCharacters(text)).toBe(text);
      }),
    );
  });
});
