import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommentStore, createBlobsBackend, createFileBackend, type StoreBackend } from "../../../lib/store/index.ts";
import { vi } from "../../../lib/core/locales/vi.ts";
import { loadApprovedComments } from "../../../lib/build/load-comments.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { seedComment } from "../../helpers/comments.ts";

let blobs: Awaited<ReturnType<typeof startBlobsServer>>;
let temp: string;
beforeAll(async () => {
  blobs = await startBlobsServer();
  temp = await makeTempDir("load-comments");
});
afterAll(async () => {
  await blobs.stop();
  await fs.rm(temp, { recursive: true, force: true });
});

describe("loading approved comments for a build", () => {
  it("reads with bounded concurrency, then only what changed", async () => {
    const real = createBlobsBackend(blobs.openStore());
    let inFlight = 0;
    let peak = 0;
    let gets = 0;
    const counting: StoreBackend = {
      ...real,
      async get<T>(key: string) {
        inFlight++;
        gets++;
        peak = Math.max(peak, inFlight);
        try {
          return await real.get<T>(key);
        } finally {
          inFlight--;
        }
      },
    };
    const seedStore = new CommentStore(real);
    const base = Date.UTC(2026, 0, 1);
    await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        seedComment(seedStore, {
          slug: `bai-${i % 30}`,
          name: `Độc giả ${i}`,
          content: `Ý kiến ${i}`,
          status: i % 3 ? "approved" : "pending",
          at: new Date(base + i * 1000),
        }),
      ),
    );
    const options = { cacheDir: path.join(temp, "cache"), timeZone: "Asia/Ho_Chi_Minh", locale: vi, concurrency: 8 };
    const store = new CommentStore(counting);
    const first = await loadApprovedComments(store, "test store", options);
    expect(first).toMatchObject({ approved: 400, total: 600, fetched: 600 });
    expect(peak).toBeLessThanOrEqual(8);
    expect(peak).toBeGreaterThan(1);
    expect(
      first.bySlug
        .get("bai-1")!
        .map((c) => c.name)
        .slice(0, 2),
    ).toEqual(["Độc giả 1", "Độc giả 31"]);
    gets = 0;
    const second = await loadApprovedComments(store, "test store", options);
    expect(second.fetched).toBe(0);
    expect(gets).toBe(0);
    expect(second.approved).toBe(400);
    const cache = await fs.readFile(path.join(temp, "cache/comments/cache.json"), "utf8");
    expect(cache).not.toContain("@example.com");
  });

  it("leaves out a damaged record with a warning naming its key, and keeps every other comment", async () => {
    for (const backend of [createBlobsBackend(blobs.openStore()), createFileBackend(path.join(temp, "damaged-store"))]) {
      const store = new CommentStore(backend);
      const seeded = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          seedComment(store, { slug: "bai", name: `Độc giả ${i}`, content: `Ý kiến ${i}`, status: "approved" }),
        ),
      );
      const [cut, empty, shape] = seeded.map((record) => `comments/bai/${record.id}`);
      await backend.delete(cut!);
      await backend.createText(cut!, '{"id": "01');
      await backend.delete(empty!);
      await backend.createText(empty!, "");
      await backend.put(shape!, { hello: "world" });
      const warnings: string[] = [];
      const options = {
        cacheDir: path.join(temp, `cache-damaged-${warnings.length}${Math.random()}`),
        timeZone: "UTC",
        locale: vi,
        warn: (line: string) => warnings.push(line),
      };
      const loaded = await loadApprovedComments(store, "test store", options);
      expect(loaded.approved).toBe(3);
      expect(loaded.bySlug.get("bai")).toHaveLength(3);
      expect(loaded.damaged.map((d) => d.key).sort()).toEqual([cut, empty, shape].sort());
      expect(warnings).toHaveLength(3);
      for (const key of [cut, empty, shape]) expect(warnings.join("\n")).toContain(`"${key}"`);
      warnings.length = 0;
      expect((await loadApprovedComments(store, "test store", options)).approved).toBe(3);
      expect(warnings).toHaveLength(3);
    }
  });
});
