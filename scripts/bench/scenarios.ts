import fs from "node:fs/promises";
import path from "node:path";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { commentKey, decidedKey } from "../../lib/store/keys.ts";
import type { CommentRecord } from "../../lib/core/comment-record.ts";
import { createSortableId } from "../../lib/core/ids.ts";
import { vi } from "../../lib/core/locales/vi.ts";
import { loadApprovedComments } from "../../lib/build/index.ts";
import { decideComments } from "../../lib/comments/index.ts";
import { bantin, ROOT } from "./contenders.ts";
import { runTimed, summarize, type Sample } from "./measure.ts";

/** Seeds `perArticle` approved comments for each of `articles` corpus slugs into a local store. */
async function seedComments(dir: string, articles: number, perArticle: number): Promise<CommentStore> {
  const backend = createFileBackend(dir);
  const base = Date.UTC(2025, 0, 1);
  const records: CommentRecord[] = [];
  for (let a = 0; a < articles; a++) {
    for (let c = 0; c < perArticle; c++) {
      const at = new Date(base + (a * perArticle + c) * 1000);
      const random = new Uint8Array(10);
      new DataView(random.buffer).setUint32(0, a * perArticle + c);
      const id = createSortableId(at, random);
      records.push({
        id,
        slug: `bai-viet-${a}`,
        name: `Độc giả ${c}`,
        email: `r${a}-${c}@example.com`,
        content: `Ý kiến số ${c} về bài ${a}.\nCảm ơn.`,
        status: "approved",
        createdAt: at.toISOString(),
        clientHash: null,
        decidedAt: at.toISOString(),
        decidedBy: "bench",
      });
    }
  }
  // Written straight to the backend, as a store looks once its change notes have been built and
  // pruned: `importRecord` would also leave 100,000 change notes, which no real store keeps.
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < records.length) {
        const record = records[next++]!;
        await backend.create(commentKey(record.slug, record.id), record);
        await backend.put(decidedKey(record.id), {});
      }
    }),
  );
  return new CommentStore(backend);
}

/** Cold and warm loading of every approved comment, as a build does it. */
export async function measureCommentLoading(workDir: string, articles: number, perArticle: number) {
  const store = await seedComments(path.join(workDir, "load-store"), articles, perArticle);
  const options = { cacheDir: path.join(workDir, "load-cache"), timeZone: "Asia/Ho_Chi_Minh", locale: vi, concurrency: 32 };
  const cold = await loadApprovedComments(store, "bench", options);
  const warm = await loadApprovedComments(store, "bench", options);
  await fs.rm(path.join(workDir, "load-store"), { recursive: true, force: true });
  return { comments: cold.total, articles, cold: cold.seconds, warm: warm.seconds };
}

const PHOTO_LINE = /ảnh (\d+): (\d+) encoded, (\d+) from cache in ([\d.]+) s/;

/** One bantin build with what its log says about photos. */
async function buildWithPhotos(corpus: string, out: string, cacheDir: string, commentDir: string, now: string) {
  const { command, args, env } = bantin(cacheDir, commentDir, now).command(corpus, out);
  await fs.rm(out, { recursive: true, force: true });
  const sample = await runTimed(command, args, { cwd: ROOT, env });
  const match = PHOTO_LINE.exec(sample.output);
  if (!match) throw new Error(`no photo line in the build log:\n${sample.output}`);
  return { ...sample, photos: Number(match[1]), encoded: Number(match[2]), photoSeconds: Number(match[4]) };
}

/**
 * Photos: a cold build (empty cache), warm builds, and rebuilds where only comments changed (one
 * more comment approved before each), all on one corpus whose articles each have a photo.
 */
export async function measurePhotoBuilds(corpus: string, workDir: string, runs: number, now: string) {
  const cacheDir = path.join(workDir, "photo-cache");
  const commentDir = path.join(workDir, "photo-comments");
  const out = path.join(workDir, "photo-out");
  await fs.rm(cacheDir, { recursive: true, force: true });
  const cold = await buildWithPhotos(corpus, out, cacheDir, commentDir, now);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await buildWithPhotos(corpus, out, cacheDir, commentDir, now));
  const store = await seedComments(commentDir, 50, 2);
  const pending = (await store.list()).slice(0, runs);
  await store.update({ ...pending[0]!, status: "pending" });
  const commentsOnly = [];
  for (let i = 0; i < runs; i++) {
    await decideComments(store, [pending[i]!.id], i % 2 ? "approved" : "rejected", "bench", new Date());
    commentsOnly.push(await buildWithPhotos(corpus, out, cacheDir, commentDir, now));
  }
  const stat = (list: (Sample & { photoSeconds: number; encoded: number })[]) => ({
    wall: summarize(list.map((s) => s.wall)),
    cpu: summarize(list.map((s) => s.cpu)),
    photoShare: summarize(list.map((s) => s.photoSeconds / s.wall)),
    encoded: Math.max(...list.map((s) => s.encoded)),
  });
  return { cold, warm: stat(warm), commentsOnly: stat(commentsOnly) };
}
