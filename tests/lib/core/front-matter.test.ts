import { describe, expect, it } from "vitest";
import { findKeyLines, parseFrontMatter, splitFrontMatter } from "../../../lib/core/front-matter.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { makeAliasBombRows } from "../../helpers/alias-bomb.ts";

describe("front matter split", () => {
  it("splits YAML from the body and counts lines", () => {
    const split = splitFrontMatter("---\ntitle: A\ndate: 2021-12-08\n---\nBody line\n");
    expect(split).toEqual({ yaml: "title: A\ndate: 2021-12-08", body: "Body line\n", bodyLine: 5, yamlLine: 2 });
  });

  it("accepts a byte-order mark and Windows line ends", () => {
    const split = splitFrontMatter("\uFEFF---\r\ntitle: A\r\n---\r\nThân bài\r\n");
    expect(split.yaml).toBe("title: A");
    expect(split.body).toBe("Thân bài\r\n");
  });

  it("treats a file without front matter as all body, and an unclosed block as all YAML", () => {
    expect(splitFrontMatter("Chỉ có thân bài").yaml).toBe("");
    expect(splitFrontMatter("---\ntitle: A\n").body).toBe("");
  });

  it("does not end the block at a --- inside a value", () => {
    expect(splitFrontMatter("---\nlead: a---b\n---\nx").yaml).toBe("lead: a---b");
  });
});

describe("front matter parse", () => {
  const messages = vi.writers;

  it("refuses a YAML alias bomb at once, with the line of the first anchor", () => {
    const rows = makeAliasBombRows();
    const started = performance.now();
    const parsed = parseFrontMatter(rows.join("\n"), 2, messages);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed).toEqual({ problem: { field: "(front matter)", line: 3, message: messages.file.alias } });
  });

  it("refuses aliases of plain values too, and nesting deeper than the limit", () => {
    expect(parseFrontMatter("title: &t A\nlead: *t", 2, messages)).toMatchObject({ problem: { line: 2, message: messages.file.alias } });
    const deep = parseFrontMatter(`title: A\ntags: ${"[".repeat(12)}x${"]".repeat(12)}`, 2, messages);
    expect(deep).toMatchObject({ problem: { field: "tags", line: 3, message: expect.stringContaining("8") } });
    expect(parseFrontMatter(`a: ${"[".repeat(100_000)}`, 2, messages)).toMatchObject({ problem: { field: "(front matter)" } });
  });

  it("refuses front matter that is not key: value lines, and passes plain data through", () => {
    expect(parseFrontMatter("- a\n- b", 2, messages)).toMatchObject({ problem: { line: 2, message: messages.file.notMap } });
    expect(parseFrontMatter("title: A\nimage:\n  src: ./a.jpg\ntags: [x]", 2, messages)).toEqual({
      data: { title: "A", image: { src: "./a.jpg" }, tags: ["x"] },
    });
  });

  it("finds the file line of each key, nested keys under their parent", () => {
    const lines = findKeyLines('title: A\n# note\nimage:\n  src: ./a.jpg\n  alt: "x: y"\ntags:\n  - a\nphotocredit: B', 2);
    expect(lines).toEqual({ title: 2, image: 4, "image.src": 5, "image.alt": 6, tags: 7, photocredit: 9 });
  });
});
