import { describe, expect, it } from "vitest";
import { findTextEdit, type KeptBuild } from "../../../lib/build/text-edit.ts";
import type { PreparedArticle } from "../../../lib/core/article.ts";

/** A prepared article with the fields findTextEdit compares (the rest are not what this is about). */
function makeArticle(file: string, html: string, title = file): PreparedArticle {
  return {
    file,
    slug: file,
    sectionSlug: "tin",
    tags: [],
    photoSources: [],
    data: { title },
    body: { html, photos: [] },
  } as unknown as PreparedArticle;
}

const a = makeArticle("a.md", "<p>A</p>");
const b = makeArticle("b.md", "<p>B</p>");
const kept: KeptBuild = { articles: [a, b], inputs: "inputs", templates: "templates" };

describe("findTextEdit", () => {
  it("finds the one article whose body text alone changed", () => {
    const edited = makeArticle("b.md", "<p>B, sửa</p>");
    expect(findTextEdit(kept, [a, edited], "inputs", "templates")).toEqual({ before: b, after: edited });
  });

  it("finds none when the front matter, a second article, an input or the templates changed too", () => {
    const edited = makeArticle("b.md", "<p>B, sửa</p>");
    expect(findTextEdit(kept, [a, makeArticle("b.md", "<p>B, sửa</p>", "Tên mới")], "inputs", "templates")).toBeNull();
    expect(findTextEdit(kept, [makeArticle("a.md", "<p>A, sửa</p>"), edited], "inputs", "templates")).toBeNull();
    expect(findTextEdit(kept, [a, edited], "other inputs", "templates")).toBeNull();
    expect(findTextEdit(kept, [a, edited], "inputs", "other templates")).toBeNull();
    expect(findTextEdit(kept, [a], "inputs", "templates")).toBeNull();
    expect(findTextEdit(kept, [a, b], "inputs", "templates")).toBeNull();
    expect(findTextEdit(null, [a, edited], "inputs", "templates")).toBeNull();
  });
});
