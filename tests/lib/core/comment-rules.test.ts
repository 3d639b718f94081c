import { describe, expect, it } from "vitest";
import { checkSubmission, cleanContent, cleanName, countCodePoints, getDuplicateKey } from "../../../lib/core/comment-rules.ts";
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
    expect(checkSubmission({ ...base, name: "A" }, target, vi)).toMatchObject({ kind: "invalid", errors: { name: "Họ và tên cần từ 2 đến 80 ký tự." } });
    expect(checkSubmission(base, target, vi)).toMatchObject({ kind: "valid", fields: { slug: "bai", name: "An" } });
    expect(checkSubmission({ ...base, slug: "khac" }, target, vi)).toMatchObject({ kind: "invalid", errors: { slug: vi.comments.errors.unknownArticle } });
  });
});
