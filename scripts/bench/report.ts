import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PHOTO_OPTIONS } from "../../lib/build/index.ts";
import { ROOT } from "./contenders.ts";
import type { LoadResult } from "./function-load.ts";
import { seconds, type summarize } from "./measure.ts";
import { APPROVED_PER_REBUILD, type RebuildReport, type RebuildRow } from "./rebuilds.ts";
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
  huge?: { size: number; results: { name: string; wall: number; cpu: number; rssMb: number }[] };
}

const cell = (s: Stat, unit = "s") => `${seconds(s.median)} ${unit} (${seconds(s.min)}–${seconds(s.max)})`;
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

/** A row of the rebuild table. */
function rebuildLine(label: string, row: RebuildRow, cold: RebuildRow, showCounts = true): string {
  const counts = showCounts ? `${row.rendered} | ${row.parsed}` : "– | –";
  return `| ${label} | ${cell(row.wall)} | ${cell(row.cpu)} | ${Math.round(row.rss.median)} MB | ${(row.wall.median / cold.wall.median).toFixed(2)}× | ${counts} |`;
}

/** Rebuilds (kept output and cache) beside the cold build of the same corpus, and `npm start` saving an article. */
function describeRebuilds(r: Report): string[] {
  const lines: string[] = [];
  const b = r.rebuilds;
  if (b) {
    lines.push(
      `## Rebuilds (${b.size} articles)`,
      "",
      `${b.runs} rounds, each in this order: a cold build (empty cache and output folder), a rebuild with nothing changed, one after ${APPROVED_PER_REBUILD} comments were approved on ${APPROVED_PER_REBUILD} articles, one after one article was edited${b.hugo ? ", and Hugo's full build" : ""}. Every bantin build is \`npm run build\`'s command; pages rendered and article files parsed are read from its log (median).`,
      "",
      "| build | wall | CPU (user+sys) | peak memory | × bantin cold | pages rendered | files parsed |",
      "|---|---|---|---|---|---|---|",
      rebuildLine("bantin cold", b.cold, b.cold),
      rebuildLine("nothing changed", b.unchanged, b.cold),
      rebuildLine(`${APPROVED_PER_REBUILD} comments approved`, b.comments, b.cold),
      rebuildLine("one article edited", b.edited, b.cold),
      ...(b.hugo ? [rebuildLine("Hugo full build", b.hugo, b.cold, false)] : []),
      "",
    );
  }
  const s = r.serveEdit;
  if (s) {
    lines.push(
      `\`npm start\` on ${s.size} articles (the command of package.json's start script, own port): one article saved ${s.saves} times; from the file's write to its page on disk holding the new text: ${cell(s.updated)}; the last save rendered ${s.rendered} page(s). First build of the server: ${seconds(s.firstBuild)} s.`,
      "",
    );
  }
  return lines;
}

/** The cold build of a very large corpus, bantin and Hugo. */
function describeHuge(r: Report): string[] {
  if (!r.huge) return [];
  return [
    `## ${r.huge.size} articles, cold full build (--huge)`,
    "",
    "| build | wall | CPU (user+sys) | peak memory |",
    "|---|---|---|---|",
    ...r.huge.results.map((h) => `| ${h.name} | ${seconds(h.wall)} s | ${seconds(h.cpu)} s | ${Math.round(h.rssMb)} MB |`),
    "",
  ];
}

/**
 * The issue's targets, one row each, from whatever this run measured: the ratio or figure and met
 * or not; a row whose phase did not run says so. Sizes are the run's own (smaller in quick mode).
 */
function describeTargets(r: Report): string[] {
  const sizes = [...new Set(r.builds.map((b) => b.size))];
  const find = (size: number | undefined, name: string) => r.builds.find((b) => b.size === size && b.name === name);
  const [small, large] = [sizes[0], sizes.at(-1)];
  const rows: [string, string, string | null, boolean | null][] = [];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const mine = find(large, "bantin");
  const hugo = find(large, "Hugo");
  rows.push([
    `cold full build, ${large ?? "largest size"} articles`,
    "≤ 1.0× Hugo's wall time",
    mine && hugo ? ratio(mine.wall.median, hugo.wall.median) : null,
    mine && hugo ? mine.wall.median <= hugo.wall.median : null,
  ]);
  const tiny = find(small, "bantin");
  const bare = find(small, "bare Eleventy");
  rows.push([
    `cold full build, ${small ?? "smallest size"} articles`,
    "≤ 1.0× bare Eleventy's wall time",
    tiny && bare ? ratio(tiny.wall.median, bare.wall.median) : null,
    tiny && bare ? tiny.wall.median <= bare.wall.median : null,
  ]);
  const b = r.rebuilds;
  const at = b ? `, ${b.size}` : "";
  const against = (row: RebuildRow | undefined, limit: number) => (row && b ? row.wall.median / b.cold.wall.median <= limit : null);
  rows.push([
    `rebuild with nothing changed${at}`,
    "≤ 0.15× bantin's cold build",
    b ? ratio(b.unchanged.wall.median, b.cold.wall.median) : null,
    against(b?.unchanged, 0.15),
  ]);
  const hugoFull = b?.hugo;
  rows.push([
    `rebuild after ${APPROVED_PER_REBUILD} comments approved on ${APPROVED_PER_REBUILD} articles${at}`,
    "≤ 0.2× bantin's cold build, and ≤ 0.5× Hugo's full build",
    b
      ? `${ratio(b.comments.wall.median, b.cold.wall.median)} cold${hugoFull ? `, ${ratio(b.comments.wall.median, hugoFull.wall.median)} Hugo` : ", Hugo not run"}`
      : null,
    b ? (against(b.comments, 0.2) ?? false) && (hugoFull ? b.comments.wall.median <= hugoFull.wall.median / 2 : false) : null,
  ]);
  rows.push([
    `rebuild after one article edited${at}`,
    "≤ 0.2× bantin's cold build",
    b ? ratio(b.edited.wall.median, b.cold.wall.median) : null,
    against(b?.edited, 0.2),
  ]);
  const s = r.serveEdit;
  rows.push([
    `\`npm start\`, one article saved${s ? `, ${s.size}` : ""}`,
    "page updated in ≤ 1 s",
    s ? `${s.updated.median.toFixed(2)} s` : null,
    s ? s.updated.median <= 1 : null,
  ]);
  const huge = r.huge?.results.find((h) => h.name === "bantin");
  const hugeHugo = r.huge?.results.find((h) => h.name === "Hugo");
  rows.push([
    `${r.huge?.size ?? "100000"} articles, cold full build`,
    "completes under 2 GiB peak; Hugo's figure beside it",
    huge
      ? `${Math.round(huge.rssMb)} MB, ${seconds(huge.wall)} s${hugeHugo ? ` (Hugo ${Math.round(hugeHugo.rssMb)} MB, ${seconds(hugeHugo.wall)} s)` : ""}`
      : null,
    huge ? huge.rssMb < 2048 : null,
  ]);
  rows.push([
    `peak memory, ${large ?? "largest size"} articles`,
    "< 1 GiB",
    mine ? `${Math.round(mine.rss.median)} MB` : null,
    mine ? mine.rss.median < 1024 : null,
  ]);
  return [
    "## Targets",
    "",
    "| what | target | measured | met? |",
    "|---|---|---|---|",
    ...rows.map(
      ([what, target, measured, ok]) =>
        `| ${what} | ${target} | ${measured ?? "not run"} | ${ok === null ? "–" : ok ? "met" : "**not met**"} |`,
    ),
    "",
  ];
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
