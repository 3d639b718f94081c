import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PHOTO_OPTIONS } from "../../lib/build/index.ts";
import { ROOT } from "./contenders.ts";
import type { LoadResult } from "./function-load.ts";
import { cell, seconds, type summarize } from "./measure.ts";
import type { RebuildReport } from "./rebuilds.ts";
import { describeHuge, describeRebuilds, describeTargets } from "./report-targets.ts";
import type { ServeEditReport } from "./serve-edit.ts";

type Stat = ReturnType<typeof summarize>;

/** Everything one bench run measured. */
export interface Report {
  quick: boolean;
  /** Only some phases ran (--only): not a full run. */
  partial?: boolean;
  work: string;
  runs: number;
  /** Untimed rounds before the timed ones (none in quick mode). */
  warmupRounds: number;
  date: string;
  /** The git commit measured (empty outside a checkout). */
  commit?: string;
  hugoVersion: string | null;
  builds: { size: number; name: string; wall: Stat; cpu: Stat; rss: Stat }[];
  photos?: {
    articles: number;
    distinct: number;
    cold: { wall: number; cpu: number; photoSeconds: number; encoded: number };
    warm: { wall: Stat; cpu: Stat; photoShare: Stat; encoded: number };
    commentsOnly: { wall: Stat; cpu: Stat; photoShare: Stat; encoded: number };
  };
  singlePhoto?: { cpu: Stat; wall: Stat };
  photoFiles?: string;
  commentLoad?: { comments: number; articles: number; cold: number; warm: number };
  functionInProcess?: LoadResult;
  functionServed?: LoadResult;
  rebuilds?: RebuildReport;
  serveEdit?: ServeEditReport;
  /** One cold build each of a very large corpus (--huge). */
  huge?: { size: number; results: { name: string; wall: number; cpu: number; rssMb: number; failed?: string }[] };
}

const verdict = (ok: boolean) => (ok ? "**met**" : "**not met**");
const version = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version as string;

function describeMachine(): string[] {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  let netlify = "?";
  try {
    netlify = version("netlify-cli");
  } catch {
    netlify = "not installed";
  }
  return [
    `- Machine: ${cpu}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `- Versions: Node ${process.version}, @11ty/eleventy ${version("@11ty/eleventy")}, @11ty/eleventy-img ${version("@11ty/eleventy-img")}, sharp ${version("sharp")}, netlify-cli ${netlify}, Hugo ${"{hugo}"}`,
  ];
}

function fn(label: string, r: LoadResult | undefined, target: boolean): string[] {
  if (!r) return [];
  const lost = r.accepted - r.stored;
  const header = [
    "| target | requests | concurrency | accepted/s | p50 | p99 | 2xx answers | records stored |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const line = `| ${label} | ${r.requests} | ${r.concurrency} | ${Math.round(r.rps)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.accepted} | ${r.stored} |`;
  const cpu = r.cpu
    ? ` CPU during the run: handler process ${r.cpu.handler.toFixed(2)} s, Blobs server process ${r.cpu.server.toFixed(2)} s, over ${(r.requests / r.rps).toFixed(2)} s of wall time on ${os.availableParallelism()} cores.`
    : "";
  const note = target
    ? `Target ≥ 500 accepted/s, p99 ≤ 50 ms, none lost: ${verdict(r.rps >= 500 && r.p99 <= 50 && lost === 0 && r.accepted === r.requests)} (${Math.round(r.rps)}/s, p99 ${r.p99.toFixed(1)} ms, ${lost} lost).${cpu}`
    : `Over real HTTP through the CLI's local function runtime: ${lost} lost.`;
  return [...header, line, "", note, ""];
}

/** Writes the report as Markdown: machine, versions, commands, tables, and a verdict under each. */
export function writeReport(r: Report, file: string): void {
  const lines = [
    `# bantin benchmarks${r.quick ? " (quick mode)" : ""}`,
    "",
    `Run on ${r.date.slice(0, 10)}${r.commit ? ` at commit ${r.commit}` : ""} with \`npm run bench${r.quick ? " -- --quick" : ""}${r.huge && !r.partial ? `${r.quick ? "" : " --"} --huge` : ""}\`${r.partial ? " (some phases only: --only)" : ""}.`,
    "",
  ];
  lines.push(...describeMachine().map((line) => line.replace("{hugo}", r.hugoVersion ?? "not installed (rows skipped)")));
  lines.push(
    `- Method: ${r.runs} timed runs per build${r.warmupRounds > 0 ? ` after ${r.warmupRounds} untimed round` : " (no untimed round first)"}, interleaved (bantin, bare Eleventy, Hugo, Node loop, then again). Times from GNU \`/usr/bin/time\`: wall, user+sys CPU, peak RSS. Median with min–max. Corpus and output on tmpfs (\`${r.work}\`) to keep disk noise out.`,
  );
  lines.push(
    "- Corpus: generated (`scripts/bench/corpus.ts`), about 600 words of Vietnamese per article with a heading, a list and a link, 10 sections, 200 tags.",
    "",
  );
  lines.push(...describeTargets(r));
  const sizes = [...new Set(r.builds.map((b) => b.size))];
  if (sizes.length) lines.push("## Full builds (no photos)", "");
  for (const size of sizes) {
    const rows = r.builds.filter((b) => b.size === size);
    lines.push(`### ${size} articles`, "", "| build | wall | CPU (user+sys) | peak memory |", "|---|---|---|---|");
    for (const b of rows) lines.push(`| ${b.name} | ${cell(b.wall)} | ${cell(b.cpu)} | ${Math.round(b.rss.median)} MB |`);
    const me = rows.find((b) => b.name === "bantin")!;
    const eleventy = rows.find((b) => b.name === "bare Eleventy");
    const hugo = rows.find((b) => b.name === "Hugo");
    const floor = rows.find((b) => b.name === "plain Node loop");
    // The targets are set at the largest corpus; smaller ones show how fixed start-up costs weigh.
    const atTarget = size === Math.max(...r.builds.map((b) => b.size));
    const against = (other: { wall: Stat }, goal: string, ok: boolean) =>
      `${(me.wall.median / other.wall.median).toFixed(2)}×${atTarget ? ` (${goal}: ${verdict(ok)})` : ""}`;
    const parts = [
      `bantin's wall time is ${against(eleventy!, "target ≤ 0.5×", me.wall.median <= eleventy!.wall.median / 2)} bare Eleventy's`,
    ];
    if (hugo) parts.push(`${against(hugo, "goal < 1×", me.wall.median < hugo.wall.median)} Hugo's`);
    if (floor)
      parts.push(`${(me.wall.median / floor.wall.median).toFixed(2)}× the plain Node loop's (which renders only the article pages)`);
    lines.push("", `${parts.join(", ")}.`, "");
  }
  if (sizes.length) {
    const perArticle = (size: number) => r.builds.find((b) => b.size === size && b.name === "bantin")!.wall.median / size;
    const [small, large] = [sizes[0]!, sizes.at(-1)!];
    const ratio = perArticle(large) / perArticle(small);
    lines.push(
      "### Scaling and memory",
      "",
      `Scaling: bantin's time per article at ${large} is ${ratio.toFixed(2)}× that at ${small} (target ≤ 1.2×: ${verdict(ratio <= 1.2)}).`,
    );
    const bigRss = r.builds.find((b) => b.size === large && b.name === "bantin")!.rss.median;
    lines.push(
      "",
      `Peak memory of bantin at ${large} articles: ${Math.round(bigRss)} MB (target < 1024 MB: ${verdict(bigRss < 1024)}).`,
      "",
    );
  }
  lines.push(...describeRebuilds(r), ...describeHuge(r));

  if (r.photos) {
    const p = r.photos;
    lines.push(
      "## Photos",
      "",
      `${p.articles} articles, each with a main and a body photo, sharing ${p.distinct} distinct 3000×2000 JPEGs.`,
      "",
      "| build | wall | CPU | photo step share | photos encoded |",
      "|---|---|---|---|---|",
    );
    lines.push(
      `| cold (empty cache) | ${seconds(p.cold.wall)} s | ${seconds(p.cold.cpu)} s | ${((p.cold.photoSeconds / p.cold.wall) * 100).toFixed(1)} % | ${p.cold.encoded} |`,
    );
    lines.push(
      `| warm (cache kept) | ${cell(p.warm.wall)} | ${cell(p.warm.cpu)} | ${(p.warm.photoShare.median * 100).toFixed(1)} % | ${p.warm.encoded} |`,
    );
    lines.push(
      `| only comments changed | ${cell(p.commentsOnly.wall)} | ${cell(p.commentsOnly.cpu)} | ${(p.commentsOnly.photoShare.median * 100).toFixed(1)} % | ${p.commentsOnly.encoded} |`,
    );
    lines.push(
      "",
      `A rebuild where only comments changed re-encodes ${p.commentsOnly.encoded} photos and spends ${(p.commentsOnly.photoShare.median * 100).toFixed(1)} % of its time on photos (target: none re-encoded, ≤ 5 %: ${verdict(p.commentsOnly.encoded === 0 && p.commentsOnly.photoShare.median <= 0.05)}).`,
      "",
    );
  }
  if (r.singlePhoto) {
    const q = PHOTO_OPTIONS;
    lines.push(
      `One cold 3000×2000 photo in ${q.formats.join(" + ")} at ${q.widths.join(", ")} px (WebP quality ${q.sharpWebpOptions.quality}, effort ${q.sharpWebpOptions.effort}; JPEG quality ${q.sharpJpegOptions.quality}, progressive): ${cell(r.singlePhoto.cpu)} of CPU, ${cell(r.singlePhoto.wall)} wall, in a fresh process including Node's start. Files: ${r.photoFiles}. Target ≤ 1 s CPU: ${verdict(r.singlePhoto.cpu.median <= 1)}.`,
      "",
    );
  }
  if (r.commentLoad) {
    const c = r.commentLoad;
    lines.push(
      "## Loading approved comments at build time",
      "",
      `${c.comments} approved comments over ${c.articles} articles in the local store, read 32 at a time: ${seconds(c.cold)} s cold (empty build cache), ${seconds(c.warm)} s warm (only changed comments read).`,
      "",
    );
  }
  if (r.functionInProcess || r.functionServed) lines.push("## Comment function under load (loopback, bounded runs)", "");
  lines.push(
    ...fn("handler in-process, local Blobs server (own process)", r.functionInProcess, true),
    ...fn("`netlify functions:serve --offline`, local file store", r.functionServed, false),
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Notes written by hand below the marker (what the numbers mean, gaps and their reasons) survive
  // a new run; everything above it is regenerated.
  const kept = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split(NOTES_MARKER)[1] : undefined;
  fs.writeFileSync(file, `${lines.join("\n")}\n${NOTES_MARKER}${kept ?? "\n"}`);
}

const NOTES_MARKER = "<!-- Generated above by npm run bench; notes below are kept across runs. -->\n";

/** The git commit the bench ran on, for the report (empty outside a checkout). */
export function getCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}
