import fs from "node:fs/promises";
import path from "node:path";
import type { Context } from "@netlify/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { makeTempDir } from "../helpers/build-site.ts";
import { seedComment } from "../helpers/comments.ts";

// The function module itself, on the local file store, reading the manifest from BANTIN_SITE_DIR as
// it reads the built site on Netlify: the desk's headlines, zone and newsroom name come from there.
const TOKEN = "token-of-lan-0123456789";
const SETTINGS = ["BANTIN_SITE_DIR", "BANTIN_COMMENT_STORE", "BANTIN_COMMENT_DIR", "MODERATION_TOKENS", "COMMENT_SALT"] as const;
let temp: string;
let saved: Record<string, string | undefined>;

beforeAll(async () => {
  temp = await makeTempDir("moderation-function");
  await fs.writeFile(
    path.join(temp, "comment-manifest.json"),
    JSON.stringify({
      language: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
      newsroomName: "Tòa soạn",
      articles: { bai: { url: "/thoi-su/bai/", open: true, title: "Mưa lớn" } },
    }),
  );
  saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
  Object.assign(process.env, {
    BANTIN_SITE_DIR: temp,
    BANTIN_COMMENT_STORE: "file",
    BANTIN_COMMENT_DIR: path.join(temp, "comments"),
    MODERATION_TOKENS: `Lan:${TOKEN}`,
    COMMENT_SALT: "function-salt",
  });
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await fs.rm(temp, { recursive: true, force: true });
});

describe("functions/moderation.ts", () => {
  it("names articles by headline and answers under the manifest's newsroom name", async () => {
    const { default: handler } = await import("../../functions/moderation.ts");
    const store = new CommentStore(createFileBackend(path.join(temp, "comments")));
    const parent = await seedComment(store, { slug: "bai", name: "An", content: "Hỏi?", status: "approved" });
    const call = (suffix: string, init: RequestInit = {}) =>
      handler(
        new Request(`http://localhost/api/moderation${suffix}`, {
          ...init,
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        }),
        { ip: "192.0.2.1" } as Context,
      );
    const list = await (await call("/comments?tab=approved")).json();
    expect(list.comments[0].article).toEqual({ slug: "bai", title: "Mưa lớn", url: "/thoi-su/bai/" });
    const answered = await call(`/comments/${parent.id}/reply`, { method: "POST", body: JSON.stringify({ text: "Cảm ơn bạn." }) });
    expect(answered.status).toBe(201);
    expect((await answered.json()).comment).toMatchObject({ name: "Tòa soạn", author: "newsroom", replyTo: parent.id });
  });
});
