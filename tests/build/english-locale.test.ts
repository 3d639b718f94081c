import fs from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, makeTempDir, prepareFixture, readBuilt, type BuildResult } from "../helpers/build-site.ts";

let temp: string;
let result: BuildResult;
beforeAll(async () => {
  temp = await makeTempDir("english");
  const content = await prepareFixture("site", path.join(temp, "content"));
  const site = JSON.parse(await fs.readFile(path.join(content, "site.json"), "utf8"));
  await fs.writeFile(path.join(content, "site.json"), JSON.stringify({ ...site, language: "en" }));
  result = await buildSite({
    contentDir: content,
    outDir: path.join(temp, "out"),
    cacheDir: path.join(temp, "cache"),
    env: { BANTIN_NOW: "2026-01-01T00:00:00Z" },
  });
  if (result.code !== 0) throw new Error(result.stdout + result.stderr);
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

describe("a site with English selected in site.json", () => {
  it("prints every reader-facing string from the English locale", async () => {
    const doc = parseHTML(await readBuilt(result.outDir, "tin-hoat-dong/nua-dem/index.html")).document;
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(doc.querySelector(".dateline time")?.textContent).toBe("Wednesday, 8 December 2021, 01:30");
    expect(doc.querySelector(".byline-line")?.textContent).toBe("Text and photos: ANH KHÔI");
    expect(doc.querySelector(".comments h2")?.textContent).toBe("Comments");
    expect([...doc.querySelectorAll(".field label")].map((n) => n.textContent)).toEqual(["Full name", "Email", "Comment"]);
    expect(doc.querySelector(".tags a")?.getAttribute("href")).toMatch(/^\/tag\//);
    expect(await readBuilt(result.outDir, "archive/index.html")).toContain("<h1>Archive</h1>");
  });
});
