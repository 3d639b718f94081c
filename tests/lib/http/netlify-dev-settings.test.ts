import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createManifestSource } from "../../../lib/http/index.ts";
import { readStoreChoice } from "../../../lib/store/index.ts";
import { readCommentSalt } from "../../../lib/http/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";

// What `netlify dev` looks like to the function: NETLIFY_DEV=true beside a Blobs context for its sandbox.
const NETLIFY_DEV = { NETLIFY_DEV: "true", NETLIFY_BLOBS_CONTEXT: "eyJzaXRlSUQiOiJ4In0=" };
const DEPLOY = { NETLIFY: "true", NETLIFY_BLOBS_CONTEXT: "eyJzaXRlSUQiOiJ4In0=" };

describe("the salt", () => {
  it("is the development salt under netlify dev, with a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(readCommentSalt(NETLIFY_DEV)).toBe("bantin-development-salt");
    expect(warn.mock.calls.join(" ")).toContain("COMMENT_SALT");
    warn.mockRestore();
  });

  it("is still required in a deploy, and COMMENT_SALT wins everywhere", () => {
    expect(() => readCommentSalt(DEPLOY)).toThrow(/COMMENT_SALT is not set/);
    expect(readCommentSalt({ ...NETLIFY_DEV, COMMENT_SALT: "s" })).toBe("s");
  });
});

describe("the store", () => {
  it("is the local file store under netlify dev, where npm run comments reads", () => {
    expect(readStoreChoice(NETLIFY_DEV, "/projekt")).toEqual({ kind: "file", dir: "/projekt/.bantin/comments" });
  });

  it("follows BANTIN_COMMENT_STORE there, and stays Netlify Blobs in a deploy", () => {
    expect(readStoreChoice({ ...NETLIFY_DEV, BANTIN_COMMENT_STORE: "blobs" })).toMatchObject({ kind: "blobs" });
    expect(readStoreChoice(DEPLOY)).toMatchObject({ kind: "blobs", name: "bantin-comments" });
  });
});

describe("the manifest under netlify dev", () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTempDir("netlify-dev");
    for (const [dir, language] of [
      ["_site", "vi"],
      ["elsewhere", "en"],
    ] as const) {
      await fs.mkdir(path.join(root, dir), { recursive: true });
      await fs.writeFile(path.join(root, dir, "comment-manifest.json"), JSON.stringify({ language, articles: {} }));
    }
  });
  afterAll(async () => fs.rm(root, { recursive: true, force: true }));

  it("is read from the local build output, _site or BANTIN_SITE_DIR, never fetched", async () => {
    // No server answers at this address: a fetch would fail.
    const url = "http://127.0.0.1:9/api/comments";
    expect((await createManifestSource(NETLIFY_DEV, root)(url)).language).toBe("vi");
    expect((await createManifestSource({ ...NETLIFY_DEV, BANTIN_SITE_DIR: "elsewhere" }, root)(url)).language).toBe("en");
  });
});
