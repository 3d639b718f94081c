import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneStaleOutput } from "../../../lib/build/prune-output.ts";
import { listFiles, makeTempDir } from "../../helpers/build-site.ts";

let siteDir: string;
beforeAll(async () => {
  siteDir = await makeTempDir("prune");
  for (const file of ["old/index.html", "kept/index.html", "pagefind/pagefind.js", "pagefind/fragment/vi_1.pf_fragment"]) {
    await fs.mkdir(path.dirname(path.join(siteDir, file)), { recursive: true });
    await fs.writeFile(path.join(siteDir, file), "x");
  }
});
afterAll(async () => {
  await fs.rm(siteDir, { recursive: true, force: true });
});

describe("pruneStaleOutput", () => {
  it("removes pages no longer built, and never the search index, whatever an old manifest lists", async () => {
    const previous = ["old/index.html", "kept/index.html", "pagefind/pagefind.js", "pagefind/fragment/vi_1.pf_fragment"];
    const removed = await pruneStaleOutput(siteDir, previous, new Set(["kept/index.html"]), []);
    expect(removed.pages).toBe(1);
    expect(await listFiles(siteDir)).toEqual(["kept/index.html", "pagefind/fragment/vi_1.pf_fragment", "pagefind/pagefind.js"]);
  });
});
