import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../lib/core/errors.ts";
import { findListedWords, foldForMatching, parseWordList } from "../../../lib/core/word-list.ts";

const list = parseWordList({ words: ["lừa đảo", "cá độ", "Vay nhanh", "cac"] }, "content/moderation.json");

describe("the word list", () => {
  it("folds diacritics, đ, case and spaces", () => {
    expect(foldForMatching("  LỪA   Đảo ")).toBe("lua dao");
  });

  it("finds listed words without diacritics or case, on word boundaries, as listed", () => {
    expect(findListedWords(list, ["Trang này LUA DAO đấy", "cá  độ bóng đá"])).toEqual(["lừa đảo", "cá độ"]);
    expect(findListedWords(list, ["vay nhanh, lãi thấp", "Vay Nhanh"])).toEqual(["Vay nhanh"]);
    expect(findListedWords(list, ["Cách làm hay, cao độ tốt"])).toEqual([]);
    expect(findListedWords(list, ["Các bạn"])).toEqual(["cac"]);
    expect(findListedWords(list, ["lừa đảonhé"])).toEqual([]);
  });

  it("refuses a wrong shape with the file and field named", () => {
    expect(() => parseWordList([], "content/moderation.json")).toThrow(ConfigError);
    expect(() => parseWordList({ word: [] }, "content/moderation.json")).toThrow(/content\/moderation\.json: unknown field "word"/);
    expect(() => parseWordList({ words: "x" }, "m.json")).toThrow(/m\.json: field "words" should be an array/);
    expect(() => parseWordList({ words: ["a", 3] }, "m.json")).toThrow(/m\.json: field "words\[1\]"/);
    expect(() => parseWordList({ words: ["  "] }, "m.json")).toThrow(/words\[0\]/);
  });
});
