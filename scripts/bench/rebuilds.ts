import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { CommentRecord } from "../../lib/core/comment-record.ts";
import { getDuplicateKey } from "../../lib/core/comment-rules.ts";
import { createSortableId } from "../../lib/core/ids.ts";
import { decideComments } from "../../lib/comments/index.ts";
import { CommentStore, createFileBackend } from "../../lib/store/index.ts";
import { bantin, hugo, ROOT } from "./contenders.ts";
import { runTimed, summarize, type Sample } from "./measure.ts";

type Stat = ReturnType<typeof summarize>;

/** One kind of build in the rebuild rows, over its runs. */
export interface RebuildRow {
  wall: Stat;
  cpu: Stat;
  rss: Stat;
  /** Pages rendered and article files parsed, as the build's log says (median). */
  rendered: number;
  parsed: number;
}

/** The rebuild rows at one corpus size: cold and each kind of rebuild, interleaved, Hugo beside. */
export interface RebuildReport {
  size: number;
  runs: number;
  cold: RebuildRow;
  unchanged: RebuildRow;
  comments: RebuildRow;
  edited: RebuildRow;
  hugo: RebuildRow | null;
}

const PAGES_LINE = /pages: (\d+) rendered, (\d+) unchanged/;
const PARSE_LINE = /· (\d+) parsed, (\d+) from cache ·/;

/** How many comments are approved (on as many articles) before the "comments" rebuild. */
export const APPROVED_PER_REBUILD = 20;

function toRow(samples: (Sample & { rendered: number; parsed: number })[]): RebuildRow {
  return {
    wall: summarize(samples.map((s) => s.wall)),
    cpu: summarize(samples.map((s) => s.cpu)),
    rss: summarize(samples.map((s) => s.rssMb)),
    rendered: summarize(samples.map((s) => s.rendered)).median,
    parsed: summarize(samples.map((s) => s.parsed)).median,
  };
}

/** Submits `count` comments, one on each of `count` articles of the corpus, and approves them all. */
async function approveComments(store: CommentStore, size: number, count: number, round: number): Promise<void> {
  const ids: string[] = [];
  const at = new Date(Date.UTC(2025, 11, 1) + round * 3600_000);
  for (let i = 0; i < count; i++) {
    const article = Math.floor(((i + 0.5) * size) / count + round) % size;
    const record: CommentRecord = {
      id: createSortableId(new Date(at.getTime() + i * 1000), randomBytes(10)),
      slug: `bai-viet-${article}`,
      name: `Bạn đọc ${round}-${i}`,
      email: `ban-doc-${round}-${i}@example.com`,
      content: `Ý kiến ${i} của lượt ${round}: cảm ơn bài viết.`,
      status: "pending",
      createdAt: at.toISOString(),
      clientHash: null,
      decidedAt: null,
      decidedBy: null,
    };
    await store.submit(record, getDuplicateKey(record));
    ids.push(record.id);
  }
  await decideComments(store, ids, "approved", "bench", new Date(at.getTime() + 600_000));
}

/**
 * Rebuilds of a `size`-article corpus, as the comment loop and writers cause them, each round
 * interleaved in this order: a cold build (empty cache and output folder), a rebuild with nothing
 * changed, one after APPROVED_PER_REBUILD comments were approved on as many articles, one after
 * one article was edited, and Hugo's full build of the same corpus (when installed).
 */
export async function measureRebuilds(
  corpus: string,
  workDir: string,
  size: number,
  runs: number,
  now: string,
  withHugo: boolean,
  log: (line: string) => void,
): Promise<RebuildReport> {
  const cacheDir = path.join(workDir, "rebuild-cache");
  const commentDir = path.join(workDir, "rebuild-comments");
  const out = path.join(workDir, "rebuild-out");
  const hugoOut = path.join(workDir, "rebuild-hugo-out");
  const store = new CommentStore(createFileBackend(commentDir));
  const build = bantin(cacheDir, commentDir, now);
  const samples = { cold: [], unchanged: [], comments: [], edited: [], hugo: [] } as Record<
    string,
    (Sample & { rendered: number; parsed: number })[]
  >;
  const run = async (kind: string) => {
    const { command, args, env } = build.command(corpus, out);
    const sample = await runTimed(command, args, { cwd: ROOT, env });
    const pages = PAGES_LINE.exec(sample.output);
    const parsed = PARSE_LINE.exec(sample.output);
    if (!pages || !parsed) throw new Error(`no pages or articles line in the build log:\n${sample.output.slice(-3000)}`);
    samples[kind]!.push({ ...sample, rendered: Number(pages[1]), parsed: Number(parsed[1]) });
  };
  const edited = path.join(corpus, "articles", `bai-viet-${Math.floor(size / 2)}.md`);
  const original = await fs.readFile(edited, "utf8");
  for (let round = 1; round <= runs; round++) {
    await fs.rm(cacheDir, { recursive: true, force: true });
    await fs.rm(out, { recursive: true, force: true });
    await run("cold");
    await run("unchanged");
    await approveComments(store, size, APPROVED_PER_REBUILD, round);
    await run("comments");
    await fs.writeFile(edited, `${original}\nMột đoạn sửa lần thứ ${round}.\n`);
    await run("edited");
    if (withHugo) {
      await fs.rm(hugoOut, { recursive: true, force: true });
      const { command, args } = hugo.command(corpus, hugoOut);
      const sample = await runTimed(command, args, { cwd: ROOT });
      samples.hugo!.push({ ...sample, rendered: size, parsed: size });
    }
    log(`rebuilds at ${size} articles: round ${round}/${runs} done`);
  }
  await fs.writeFile(edited, original);
  for (const dir of [cacheDir, commentDir, out, hugoOut]) await fs.rm(dir, { recursive: true, force: true });
  return {
    size,
    runs,
    cold: toRow(samples.cold!),
    unchanged: toRow(samples.unchanged!),
    comments: toRow(samples.comments!),
    edited: toRow(samples.edited!),
    hugo: withHugo ? toRow(samples.hugo!) : null,
  };
}
