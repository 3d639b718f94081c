import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachBodies, detachBodies } from "../../../lib/build/pack-bodies.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { BODIES, writeSample } from "../../helpers/packs.ts";

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir("pack-bodies");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("bodies passed between threads", () => {
  it("sends bodies between threads as places in the pack, and says which pack was rewritten meanwhile", () => {
    const file = path.join(dir, "pack-3.v8");
    const entries = writeSample(file);
    const articles = [...entries.values()].map((entry) => entry.parsed.article);
    const refs = detachBodies(articles);
    expect(articles.map((article) => article?.body.html)).toEqual(["", "", "", undefined]);
    const posted = structuredClone({ articles, refs });
    expect(attachBodies(posted.articles, posted.refs)).toEqual([]);
    expect(posted.articles.map((article) => article?.body.html)).toEqual([...Object.values(BODIES), undefined]);

    const second = structuredClone({ articles, refs });
    writeSample(file);
    expect(attachBodies(second.articles, second.refs)).toEqual([0, 1, 2]);
  });
});
