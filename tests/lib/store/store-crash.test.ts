import { randomBytes } from "node:crypto";
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCommentRequest } from "../../../lib/http/index.ts";
import { CommentStore } from "../../../lib/store/comment-store.ts";
import type { CommentManifest } from "../../../lib/core/catalog.ts";
import { runModerationCommand } from "../../../lib/cli/index.ts";
import type { StoreBackend } from "../../../lib/store/backend.ts";
import { createBlobsBackend } from "../../../lib/store/blobs-backend.ts";
import { createFileBackend } from "../../../lib/store/file-backend.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { wrapBackend } from "../../helpers/wrap-backend.ts";

const MANIFEST: CommentManifest = { language: "vi", articles: { "bai-mo": { url: "/tin-hoat-dong/bai-mo/", open: true } } };

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let temp: string;
beforeAll(async () => {
  blobs = await startBlobsServer();
  temp = await makeTempDir("store-crash");
});
afterAll(async () => {
  await blobs.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

/** A fresh real backend, and for the file store its folder (where a killed writer leaves files). */
type Adapter = [string, () => { backend: StoreBackend; dir: string | null }];
let stores = 0;
const adapters: Adapter[] = [
  ["local file store", () => ((dir) => ({ backend: createFileBackend(dir), dir }))(path.join(temp, `store-${++stores}`))],
  ["Netlify Blobs (local BlobsServer)", () => ({ backend: createBlobsBackend(blobs.openStore()), dir: null })],
];

/**
 * The real backend until `budget` operations have started; after that the process is "killed":
 * every operation fails, and the write that was cut short leaves what a killed file writer leaves,
 * its temporary file, half written.
 */
function crashAfter(real: StoreBackend, dir: string | null, budget: number) {
  let used = 0;
  return wrapBackend(real, (operation, key) => {
    if (++used <= budget) return;
    if (used === budget + 1 && dir && ["create", "put", "createText"].includes(operation)) {
      const file = path.join(dir, `${key}.json`);
      fsSync.mkdirSync(path.dirname(file), { recursive: true });
      fsSync.writeFileSync(
        path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`),
        '{\n  "id": "01',
      );
    }
    throw new Error(`killed after ${budget} store operations`);
  });
}

// Six readers at once: two of them send the same comment, one sends from no known address.
const SUBMISSIONS = [
  { ip: "203.0.113.1", email: "an@example.com", content: "Ý kiến thứ nhất." },
  { ip: "203.0.113.2", email: "binh@example.com", content: "Ý kiến thứ hai." },
  { ip: "203.0.113.3", email: "chi@example.com", content: "Gửi hai lần cùng lúc." },
  { ip: "203.0.113.3", email: "chi@example.com", content: "Gửi hai lần cùng lúc." },
  { ip: "203.0.113.1", email: "dung@example.com", content: "Cùng một địa chỉ." },
  { ip: null, email: "em@example.com", content: "Không rõ địa chỉ." },
];

async function send(store: CommentStore, submission: (typeof SUBMISSIONS)[number], now: Date) {
  const request = new Request("http://localhost/api/comments", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ slug: "bai-mo", name: "Độc giả", email: submission.email, content: submission.content, website: "" }),
  });
  const response = await handleCommentRequest(request, submission.ip, {
    store,
    manifest: async () => MANIFEST,
    salt: "crash-salt",
    now: () => now,
    rateLimit: { max: 50, windowMs: 600_000 },
    log: () => undefined,
  });
  return { status: response.status, body: (await response.json()) as { id?: string } };
}

describe.each(adapters)("a crash during concurrent submissions: %s", (_name, makeAdapter) => {
  it("loses no acknowledged comment, half-writes none, and doctor cleans up what a killed writer left", async () => {
    let crashes = 0;
    for (let budget = 0; budget <= 60; budget += 2) {
      const { backend, dir } = makeAdapter();
      const now = new Date();
      const crashing = new CommentStore(crashAfter(backend, dir, budget));
      const answers = await Promise.all(SUBMISSIONS.map((submission) => send(crashing, submission, now)));
      if (answers.some((answer) => answer.status === 503)) crashes++;
      for (const answer of answers) expect([200, 201, 503], `budget ${budget}`).toContain(answer.status);

      // After the restart: every acknowledged comment is there, and every record reads.
      const store = new CommentStore(backend);
      const scan = await store.scan();
      expect(scan.damaged, `budget ${budget}`).toEqual([]);
      const stored = new Set(scan.records.map((record) => record.id));
      for (const answer of answers.filter((a) => a.status < 300))
        expect(stored.has(answer.body.id!), `budget ${budget}: acknowledged ${answer.body.id}`).toBe(true);

      // Readers who got no answer send again: each is acknowledged, and what is acknowledged is stored.
      const later = new Date(now.getTime() + 1000);
      for (const [index, answer] of answers.entries()) {
        if (answer.status < 300) continue;
        const retry = await send(store, SUBMISSIONS[index]!, later);
        expect([200, 201], `budget ${budget}: retry of ${index}`).toContain(retry.status);
        expect(await store.get(retry.body.id!), `budget ${budget}: retry of ${index}`).not.toBeNull();
      }
      const contents = new Set((await store.list()).map((record) => record.content));
      expect(contents.size, `budget ${budget}`).toBe(5);

      // doctor sees the killed writer's temporary file once it is old, and --fix removes it.
      const out: string[] = [];
      const doctor = (...args: string[]) =>
        runModerationCommand(["doctor", ...args], {
          store,
          timeZone: "UTC",
          now: new Date(Date.now() + 2 * 3_600_000),
          env: {},
          out: (t) => out.push(t),
          err: (t) => out.push(t),
        });
      const leftovers = await backend.sweepLeftovers(new Date(Date.now() + 3_600_000), false);
      expect(await doctor()).toBe(leftovers.length ? 1 : 0);
      for (const file of leftovers) expect(out.join("\n")).toContain(file);
      expect(await doctor("--fix")).toBe(0);
      expect(await backend.sweepLeftovers(new Date(Date.now() + 3_600_000), false)).toEqual([]);
      out.length = 0;
      expect(await doctor()).toBe(0);
      expect(out[0]).toContain("healthy");
    }
    expect(crashes).toBeGreaterThan(10);
  });
});
