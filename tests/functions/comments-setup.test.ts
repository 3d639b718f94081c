import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Context } from "@netlify/functions";
import { vi as vi_ } from "../../lib/core/locales/vi.ts";
import { makeTempDir } from "../helpers/build-site.ts";

// The function's own entry point, called as Netlify calls it, with a set-up that fails (a bad
// COMMENT_RATE_LIMIT): what does not depend on the set-up must still be answered properly.
let temp: string;
let handler: (request: Request, context: Context) => Promise<Response>;
beforeAll(async () => {
  temp = await makeTempDir("function-setup");
  await fs.writeFile(path.join(temp, "comment-manifest.json"), JSON.stringify({ language: "vi", articles: {} }));
  vi.stubEnv("BANTIN_COMMENT_STORE", "file");
  vi.stubEnv("BANTIN_COMMENT_DIR", path.join(temp, "comments"));
  vi.stubEnv("BANTIN_SITE_DIR", temp);
  vi.stubEnv("COMMENT_RATE_LIMIT", "five per minute");
  handler = (await import("../../functions/comments.ts")).default;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fs.rm(temp, { recursive: true, force: true });
});

const context = { ip: "203.0.113.5" } as Context;
const url = "http://localhost/api/comments";

describe("the comment function when its set-up fails", () => {
  it("still answers a GET with 405 and a wrong type with 415", async () => {
    const get = await handler(new Request(url), context);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(
      (await handler(new Request(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }), context)).status,
    ).toBe(415);
  });

  it("answers a real submission with 503 and Retry-After", async () => {
    const response = await handler(
      new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      context,
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
  });

  it("says so in the site's language, as the handler does (not an English-only message)", async () => {
    const response = await handler(
      new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      context,
    );
    expect(await response.json()).toEqual({ error: vi_.comments.errors.unavailable, fields: {} });
  });
});
