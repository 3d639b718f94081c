import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createBlobsBackend } from "../../lib/store/index.ts";
import { startBlobsServer } from "../helpers/blobs-server.ts";
import { makeTempDir } from "../helpers/build-site.ts";
import { getFreePort, sendRaw, startProcess, type RunningProcess } from "../helpers/processes.ts";

// The real function, bundled and served by netlify-cli (`functions:serve --offline`), writing to a
// real local Netlify Blobs server that the test then reads.
let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let served: RunningProcess;
let port: number;
let temp: string;
let store: CommentStore;
const STORE_NAME = "http-comments";

beforeAll(async () => {
  blobs = await startBlobsServer();
  temp = await makeTempDir("functions");
  await fs.writeFile(
    path.join(temp, "comment-manifest.json"),
    JSON.stringify({ language: "vi", articles: { "bai-mo": { url: "/tin-hoat-dong/bai-mo/", open: true } } }),
  );
  port = await getFreePort();
  served = await startProcess(
    "npx",
    ["netlify", "functions:serve", "--offline", "--port", String(port)],
    {
      BANTIN_SITE_DIR: temp,
      BANTIN_COMMENT_STORE: "blobs",
      BANTIN_BLOBS_STORE: STORE_NAME,
      BANTIN_BLOBS_URL: blobs.edgeURL,
      NETLIFY_SITE_ID: blobs.siteID,
      NETLIFY_AUTH_TOKEN: blobs.token,
      COMMENT_SALT: "http-test-salt",
    },
    async () => (await fetch(`http://127.0.0.1:${port}/api/comments`)).status === 405,
  );
  store = new CommentStore(createBlobsBackend(blobs.openStore(STORE_NAME)));
}, 120_000);

afterAll(async () => {
  await served?.stop();
  await blobs?.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

const url = () => `http://127.0.0.1:${port}/api/comments`;

describe("the comment function over HTTP (netlify functions:serve)", () => {
  it("stores a plain form post and redirects to the notice", async () => {
    const response = await fetch(url(), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        slug: "bai-mo",
        name: "Phạm Thu Hà",
        email: "ha@example.com",
        content: "Gửi từ biểu mẫu HTML.",
        website: "",
      }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/tin-hoat-dong/bai-mo/?binh-luan=da-gui#binh-luan-da-gui");
    const records = await store.list("bai-mo");
    expect(records.map((r) => [r.name, r.content, r.status])).toContainEqual(["Phạm Thu Hà", "Gửi từ biểu mẫu HTML.", "pending"]);
    expect(records.find((r) => r.name === "Phạm Thu Hà")!.clientHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("stores a JSON post and answers 201 with the id", async () => {
    const response = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "bai-mo", name: "Đỗ Minh", email: "minh@example.com", content: "Gửi bằng JSON.", website: "" }),
    });
    expect(response.status).toBe(201);
    const { id, status } = await response.json();
    expect(status).toBe("pending");
    expect((await store.get(id))?.content).toBe("Gửi bằng JSON.");
  });

  it("refuses bad requests with 4xx and stores nothing", async () => {
    const before = (await store.list()).length;
    expect((await fetch(url())).headers.get("allow")).toBe("POST");
    const text = await fetch(url(), { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    expect(text.status).toBe(415);
    const big = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "x".repeat(40_000) }),
    });
    expect(big.status).toBe(413);
    const broken = await fetch(url(), { method: "POST", headers: { "content-type": "application/json" }, body: '{"slug": "bai-mo", "na' });
    expect(broken.status).toBe(400);
    const json = await broken.json();
    expect(json.error).toBe("Dữ liệu gửi lên không đọc được.");
    // A body cut short: the client promises 200 bytes, sends 20 and hangs up.
    const answer = await sendRaw(
      port,
      `POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"slug":"bai-mo","na`,
    );
    expect(answer).not.toMatch(/^HTTP\/1\.1 5/);
    expect((await store.list()).length).toBe(before);
  });

  it("flags a comment with a word of the shipped content/moderation.json, read by the bundled function", async () => {
    const response = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "bai-mo", name: "Khách", email: "khach@example.com", content: "Vào trang CA DO này nhé.", website: "" }),
    });
    expect(response.status).toBe(201);
    const { id } = await response.json();
    expect(await store.get(id)).toMatchObject({ status: "pending", flags: ["cá độ"] });
  });
});
