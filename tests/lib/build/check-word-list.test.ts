import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "../../../lib/build/site-loader.ts";
import { readBuildOptions } from "../../../lib/build/options.ts";
import { ConfigError } from "../../../lib/core/errors.ts";
import { makeTempDir, prepareFixture } from "../../helpers/build-site.ts";

// The build checks the word list the comment function will read: a broken one stops it.
let temp: string;
let contentDir: string;
beforeAll(async () => {
  temp = await makeTempDir("word-list-check");
  contentDir = await prepareFixture("site", path.join(temp, "content"));
});
afterAll(() => fs.rm(temp, { recursive: true, force: true }));

const check = () => checkContent(readBuildOptions({ BANTIN_CONTENT_DIR: contentDir, BANTIN_CACHE_DIR: path.join(temp, "cache") }, temp));
const write = (text: string) => fs.writeFile(path.join(contentDir, "moderation.json"), text);

describe("the word list at build time", () => {
  it("passes without a list and with a valid one", async () => {
    await expect(check()).resolves.toBeTruthy();
    await write(JSON.stringify({ words: ["lừa đảo"] }));
    await expect(check()).resolves.toBeTruthy();
  });

  it("stops on a list that is not JSON or not of the shape, naming the file and field", async () => {
    await write("{ words: [ }");
    await expect(check()).rejects.toThrow(/content\/moderation\.json is not valid JSON/);
    await write(JSON.stringify({ words: ["lừa đảo", ""] }));
    const error = await check().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/content\/moderation\.json: field "words\[1\]"/);
  });
});
