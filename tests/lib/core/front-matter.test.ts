import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../../lib/core/front-matter.ts";

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
