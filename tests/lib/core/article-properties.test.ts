import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareArticle } from "../../../lib/core/article.ts";
import { readArticleText } from "../../../lib/core/front-matter.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { parseSiteConfig, type SiteConfig } from "../../../lib/core/site-config.ts";

const config = (parseSiteConfig({ name: "T", url: "https://t.example" }) as { config: SiteConfig }).config;

/** Reading an article file's text, as lib/build/read-content.ts does after the byte checks. */
function prepareText(text: string) {
  const read = readArticleText(text, "a.md", "a", vi.writers);
  return "problem" in read ? { article: null, problems: [read.problem] } : prepareArticle(read.source, config);
}

// Pieces of front matter, valid and not, so generated files reach the parser and the schema
// rather than failing at the first character.
const piece = fc.oneof(
  fc.constantFrom(
    "title: Tin mới",
    "date: 2021-12-08T16:30:00+07:00",
    "date: 2021-13-45",
    "author: Anh Khôi",
    "section: Đời sống",
    "image:\n  src: ./a.jpg\n  alt: Ảnh",
    "tags: [a, b]",
    "tags: &t [x]",
    "more: *t",
    "draft: true",
    "slug: Tin Mới",
    "x: [[[[[[[[[[[[1]]]]]]]]]]]]",
    "lead: 'BT – '",
    "photocredit: B",
    ": :",
    "- a",
    'key: "unclosed',
    "\t- x",
    "? a\n: b",
  ),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);
const articleText = fc
  .tuple(fc.array(piece, { maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 200 }), fc.boolean())
  .map(
    ([rows, body, closed]) =>
      `---\n${rows.join("\n")}\n${closed ? "---\n" : ""}${body}\n\n![${body.slice(0, 5)}](./${body.slice(5, 9)}.jpg)`,
  );

describe("preparing any text as an article", () => {
  it("yields an article or content problems, never an exception, and fast", () => {
    fc.assert(
      fc.property(fc.oneof(articleText, fc.string({ unit: "binary", maxLength: 400 })), (text) => {
        const started = performance.now();
        const result = prepareText(text);
        expect(performance.now() - started).toBeLessThan(1000);
        if (result.article === null) expect(result.problems.length).toBeGreaterThan(0);
        else expect(result.problems).toEqual([]);
        for (const problem of result.problems) {
          expect(problem.file).toBe("a.md");
          expect(problem.message.length).toBeGreaterThan(0);
          if (problem.line !== undefined) expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("accepts a valid article whatever else its body holds", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (body) => {
        const text = `---\ntitle: Tin\ndate: 2021-12-08T16:30:00+07:00\nauthor: Anh Khôi\nsection: Đời sống\n---\n${body.replace(/!\[|Viết nội dung/g, "")}`;
        expect(prepareText(text).problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
