import { describe, expect, it } from "vitest";
import { composeByline } from "../../../lib/core/byline.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";

describe("bylines", () => {
  it("joins writer and photographer when they are one person", () => {
    expect(composeByline("Anh Khôi", "anh  khôi", vi)).toEqual([{ label: "Tin, ảnh", name: "ANH KHÔI" }]);
  });
  it("gives two lines for two people, one for a writer alone", () => {
    expect(composeByline("Minh Thư", "Quang Huy", vi)).toEqual([
      { label: "Tin", name: "MINH THƯ" },
      { label: "Ảnh", name: "QUANG HUY" },
    ]);
    expect(composeByline("Lan Phương", undefined, vi)).toEqual([{ label: "Tin", name: "LAN PHƯƠNG" }]);
  });
  it("takes its words from the locale", () => {
    expect(composeByline("Anh Khôi", "Anh Khôi", en)).toEqual([{ label: "Text and photos", name: "ANH KHÔI" }]);
  });
  it("treats an empty photo credit as none", () => {
    expect(composeByline(" Lan  Phương ", "", vi)).toEqual([{ label: "Tin", name: "LAN PHƯƠNG" }]);
  });
});
