import { describe, expect, it } from "vitest";
import { checkSubmission, cleanContent, cleanEmail, cleanName, countCodePoints, getDuplicateKey } from "../../../lib/core/comment-rules.ts";
import { vi } from "../../../lib/core/locales/vi.ts";

const target = (slug: string) => (slug === "bai" ? { url: "/bai/", open: true } : null);
const base = { slug: "bai", name: "An", email: "an@example.com", content: "Hay quá", website: "" };

describe("comment rules", () => {
  it("removes controls, bidi overrides and zero-width characters from names, keeps emoji", () => {
    expect(cleanName("  Tr\u202Eần\u200B  Văn\u0007 An 👨‍👩‍👧 ")).toBe("Trần Văn An 👨‍👩‍👧");
    expect(cleanName("A\u200DB")).toBe("AB");
    expect(cleanName("Tra\u0300n")).toBe("Tràn");
  });

  it("keeps content as written, NFC with \\n line breaks, without control characters", () => {
    expect(cleanContent(" Dòng 1\r\nDòng 2\r\n<b>x</b> ")).toBe("Dòng 1\nDòng 2\n<b>x</b>");
    expect(cleanContent("a\u0001b\tc\u001b]52;c;x\u0007\nd")).toBe("ab\tc]52;c;x\nd");
  });

  it("normalises names to NFC after removing zero-width characters", () => {
    expect(cleanName("Le\u200B\u0301")).toBe("Lé");
  });

  it("counts code points", () => {
    expect(countCodePoints("😀😀")).toBe(2);
  });

  it("treats case and spacing differences as the same comment", () => {
    const a = getDuplicateKey({ slug: "bai", name: "A", email: "AN@example.com", content: "Hay  Quá" });
    const b = getDuplicateKey({ slug: "bai", name: "B", email: "an@example.com", content: "hay quá" });
    expect(a).toBe(b);
  });

  it("classifies honeypot, invalid and valid submissions", () => {
    expect(checkSubmission({ ...base, website: "x" }, target, vi).kind).toBe("spam");
    expect(checkSubmission({ ...base, name: "A" }, target, vi)).toMatchObject({
      kind: "invalid",
      errors: { name: "Họ và tên cần từ 2 đến 80 ký tự." },
    });
    expect(checkSubmission(base, target, vi)).toMatchObject({ kind: "valid", fields: { slug: "bai", name: "An" } });
    expect(checkSubmission({ ...base, slug: "khac" }, target, vi)).toMatchObject({
      kind: "invalid",
      errors: { slug: vi.comments.errors.unknownArticle },
    });
  });
});

// Characters XML 1.0 does not allow (or, for noncharacters, tells documents to avoid): any of them
// in an approved comment would make the comment feed unreadable.
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\p{Noncharacter_Code_Point}|\p{Cs}/u;

describe("characters XML cannot carry", () => {
  const nasty = "\uFFFE\uFFFF\uFDD0\uFDEF\u{1FFFE}\u{10FFFF}\uDFFF\uD800\u0000\u0008\u000B\u000C\u001F";

  it("are removed from names, emails and content", () => {
    expect(cleanName(`Trần ${nasty}An`)).toBe("Trần An");
    expect(cleanName("Tr\uFFFEần\uD800")).toBe("Trần");
    expect(cleanEmail(`an${nasty}@example.com`)).toBe("an@example.com");
    expect(cleanContent(`Hay${nasty} quá\n\tđúng`)).toBe("Hay quá\n\tđúng");
    for (const text of [cleanName(`${nasty}An`), cleanEmail(nasty), cleanContent(`a${nasty}b`)]) expect(text).not.toMatch(XML_FORBIDDEN);
  });

  it("keeps emoji and other astral characters, and well-formed surrogate pairs", () => {
    expect(cleanContent("Hay 😀 𠀀 \u{1FFFD}")).toBe("Hay 😀 𠀀 \u{1FFFD}");
  });

  it("leaves a valid comment whose name and text held U+FFFE and U+FFFF", () => {
    const check = checkSubmission({ ...base, name: "An\uFFFE\uFFFF", content: "Hay\uFFFF quá\uFFFE" }, target, vi);
    expect(check).toMatchObject({ kind: "valid", fields: { name: "An", content: "Hay quá" } });
  });
});

describe("bidi controls in content", () => {
  it("are removed: embeddings, overrides and isolates", () => {
    expect(cleanContent("Giá \u202E0001\u202C đồng \u2066a\u2069 \u202Ab\u202B\u202D")).toBe("Giá 0001 đồng a b");
  });
});

describe("the duplicate key", () => {
  const fields = { slug: "bai", name: "A", email: "an@example.com", content: "Bài viết rất hữu ích." };

  it("ignores zero-width, bidi and other format characters", () => {
    const key = getDuplicateKey(fields);
    expect(getDuplicateKey({ ...fields, content: "Bài vi\u200Bết rất\u2060 hữu\uFEFF ích.\u00AD" })).toBe(key);
    expect(getDuplicateKey({ ...fields, content: "Bài viết \u200Erất hữu ích." })).toBe(key);
    expect(getDuplicateKey({ ...fields, email: "a\u200Bn@example.com" })).toBe(key);
  });

  it("compares compatibility forms (NFKC), case- and space-folded", () => {
    const key = getDuplicateKey(fields);
    expect(getDuplicateKey({ ...fields, content: "ＢÀＩ   viết rất hữu ích．" })).toBe(key);
    expect(getDuplicateKey({ ...fields, content: "Bài viết rất hữu ích!" })).not.toBe(key);
  });
});

describe("the link limit", () => {
  const content = (text: string) => checkSubmission({ ...base, content: text }, target, vi);
  const refused = { kind: "invalid", errors: { content: vi.comments.errors.tooManyLinks.replace("{max}", "2") } };

  it.each([
    ["bare domains", "xem a.example b.example c.example"],
    ["bare domains with common endings", "a.com b.vn c.xyz"],
    ["ftp links", "ftp://a.vn ftp://b.vn ftp://c.vn"],
    ["scheme-relative links", "//a.vn //b.vn //c.vn"],
    ["zero-width characters inside http", "ht\u200Btp://a.vn h\u200Dttps://b.vn http\u2060://c.vn"],
    ["fullwidth letters", "ｈｔｔｐｓ：／／ａ．ｖｎ ｈｔｔｐｓ：／／ｂ．ｖｎ ｈｔｔｐｓ：／／ｃ．ｖｎ"],
    ["a mix", "http://a.vn www.b.vn c.example"],
    ["upper-case domains", "WWW.A.VN B.COM Http://C.Vn"],
  ])("counts %s", (_label, text) => {
    expect(content(text)).toMatchObject(refused);
  });

  it("allows two links", () => {
    expect(content("Nguồn: https://a.vn và b.example").kind).toBe("valid");
  });

  it("does not count ordinary Vietnamese text with dots as links", () => {
    const text = "Giá 3.5 triệu ở TP.HCM, 1.500.000 đồng, v.v. Ông A.Bình nói: tăng 2.5% (Q.1, P.Bến Nghé). Xem tr.12.Hết";
    const titles = "Cảm ơn ThS.BS Lan, TS.BS Minh, PGS.TS Hùng, BS.CKII Hà và NXB.GD, lúc 7.30 sáng.";
    expect(content(titles).kind).toBe("valid");
    expect(content(text).kind).toBe("valid");
  });
});
