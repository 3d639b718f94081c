// npm run bench [-- --quick] [--huge] [--only=rebuilds,serve,…]: bantin against bare Eleventy, Hugo
// and a plain Node loop, interleaved; rebuilds (nothing changed, comments approved, one article
// edited) and `npm start` saving an article; photos, comment loading and the comment function under
// load; with --huge, a 100,000-article cold build. Writes BENCHMARKS.md (a full run), or
// .tmp/bench-quick.md (--quick, for CI) or .tmp/bench-only.md (--only). See BENCHMARKS.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installCleanup, reapLeftovers } from "./child-processes.ts";
import { CORPUS_START, makeCorpus } from "./corpus.ts";
import { bantin, bareEleventy, findHugo, hugo, nodeLoop, prepareCorpusForOthers, ROOT, type Contender } from "./contenders.ts";
import { loadInProcess, loadOverHttp } from "./function-load.ts";
import { runTimed, seconds, summarize, type Sample } from "./measure.ts";
import { measureCommentLoading, measurePhotoBuilds } from "./scenarios.ts";
import { measureServedFunction } from "./served-function.ts";
import { measureRebuilds } from "./rebuilds.ts";
import { measureServeEdit } from "./serve-edit.ts";
import { getCommit, writeReport, type Report } from "./report.ts";

const quick = process.argv.includes("--quick");
const PHASES = ["builds", "rebuilds", "serve", "photos", "comments", "function", "huge"] as const;
type Phase = (typeof PHASES)[number];
/** The phases to run: `--only=a,b` (or `--only a,b`) picks some; the 100,000-article one needs --huge or --only. */
function readPhases(argv: readonly string[]): Set<Phase> {
  const at = argv.findIndex((arg) => arg === "--only" || arg.startsWith("--only="));
  if (at === -1) return new Set(PHASES.filter((name) => name !== "huge" || argv.includes("--huge")));
  const list = (argv[at]!.includes("=") ? argv[at]!.split("=")[1]! : (argv[at + 1] ?? "")).split(",").filter(Boolean);
  const unknown = list.filter((name) => !(PHASES as readonly string[]).includes(name));
  if (unknown.length || !list.length)
    throw new Error(`--only takes a comma-separated list of: ${PHASES.join(", ")} (got "${list.join(",")}")`);
  return new Set(list as Phase[]);
}
const phasesToRun = readPhases(process.argv);
const partial = process.argv.some((arg) => arg.startsWith("--only"));
const NOW = "2026-01-01T00:00:00Z";
// Quick mode (CI, under two minutes on two cores) keeps every row and every part of the harness,
// on less: smaller corpora and fewer runs. Its numbers check that the harness works, not targets.
const plan = quick
  ? {
      sizes: [100, 200],
      runs: 2,
      warmupRounds: 0,
      photoArticles: 30,
      photos: 2,
      photoRuns: 1,
      commentArticles: 200,
      inProcess: 300,
      served: 12,
      rebuildSize: 200,
      rebuildRuns: 1,
      serveSaves: 2,
      hugeSize: 1000,
    }
  : {
      sizes: [1000, 4000, 16000],
      runs: 5,
      warmupRounds: 1,
      photoArticles: 4000,
      photos: 4,
      photoRuns: 5,
      commentArticles: 10_000,
      inProcess: 5000,
      served: 1000,
      rebuildSize: 16_000,
      rebuildRuns: 3,
      serveSaves: 5,
      hugeSize: 100_000,
    };
/** `--runs=N` (or `--runs N`): timed runs per build and rounds of rebuilds, instead of the plan's. */
function readRuns(argv: readonly string[]): number | null {
  const at = argv.findIndex((arg) => arg === "--runs" || arg.startsWith("--runs="));
  if (at === -1) return null;
  const value = Number(argv[at]!.includes("=") ? argv[at]!.split("=")[1] : argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--runs takes a whole number of runs, at least 1`);
  return value;
}
const runsOverride = readRuns(process.argv);
if (runsOverride) Object.assign(plan, { runs: runsOverride, rebuildRuns: runsOverride, photoRuns: runsOverride });
const { sizes, runs } = plan;
const log = (line: string) => console.log(`[bench] ${line}`);
// A folder of its own per run (tmpfs when there is one), so two runs on one machine do not collide.
const work = fs.mkdtempSync(path.join(fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "bantin-bench-"));
installCleanup(log, () => fs.rmSync(work, { recursive: true, force: true }));

const phases: { name: string; seconds: number }[] = [];
/** Runs one part of the bench and records how long it took, for the breakdown at the end. */
async function phase<T>(name: string, part: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await part();
  phases.push({ name, seconds: (performance.now() - started) / 1000 });
  log(`${name}: ${phases.at(-1)!.seconds.toFixed(1)} s`);
  return value;
}

async function measureBuilds(report: Report, contenders: Contender[], size: number): Promise<void> {
  const corpus = await makeBuildCorpus(`corpus-${size}`, size);
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
  // Untimed rounds warm the file cache (a full run has one; quick mode has none and only checks
  // that the harness works), then A B C D, A B C D, … so drift hits all alike.
  for (let round = 1 - plan.warmupRounds; round <= runs; round++) {
    for (const contender of contenders) {
      const out = path.join(work, "out");
      fs.rmSync(out, { recursive: true, force: true });
      // Cold builds: bantin's build cache (parsed articles, page fingerprints) goes with the output.
      fs.rmSync(path.join(work, "cache"), { recursive: true, force: true });
      const { command, args, env } = contender.command(corpus, out);
      const sample = await runTimed(command, args, { cwd: ROOT, env });
      if (round > 0) samples.get(contender.name)!.push(sample);
    }
    log(`${size} articles: round ${round}/${runs} done`);
  }
  for (const [name, list] of samples) {
    report.builds.push({
      size,
      name,
      wall: summarize(list.map((s) => s.wall)),
      cpu: summarize(list.map((s) => s.cpu)),
      rss: summarize(list.map((s) => s.rssMb)),
    });
  }
  fs.rmSync(corpus, { recursive: true, force: true });
}

async function measureSinglePhoto(report: Report, photo: string): Promise<void> {
  const single: Sample[] = [];
  for (let i = 0; i < plan.photoRuns; i++) {
    const out = path.join(work, "one-photo");
    fs.rmSync(out, { recursive: true, force: true });
    const sample = await runTimed(process.execPath, ["--import", "tsx", "scripts/bench/photo-once.ts", photo, out], { cwd: ROOT });
    single.push(sample);
    report.photoFiles = sample.output.trim().split("\n").at(-2) ?? "";
  }
  report.singlePhoto = { cpu: summarize(single.map((s) => s.cpu)), wall: summarize(single.map((s) => s.wall)) };
}

/** Runs a phase only when it was asked for (all but the 100,000-article one, by default). */
async function optional<T>(name: Phase, label: string, part: () => Promise<T>): Promise<T | undefined> {
  return phasesToRun.has(name) ? phase(label, part) : undefined;
}

/** A fresh generated corpus of `size` articles, with what the other generators need. */
async function makeBuildCorpus(name: string, size: number, minutesApart?: number): Promise<string> {
  const corpus = path.join(work, name);
  await makeCorpus({ dir: corpus, articles: size, photos: 0, ...(minutesApart ? { minutesApart } : {}) });
  prepareCorpusForOthers(corpus);
  return corpus;
}

/** One cold bantin build and one Hugo build of a very large corpus: wall time and peak memory. */
async function measureHuge(report: Report, contenders: Contender[]): Promise<void> {
  // Dated closer together than the other corpora, so that every article is published: before NOW
  // for bantin, and before today for Hugo, which leaves out future articles. (Until 2026-11-28 this
  // row spaced them as the others, and both builds published about a sixth of the 100,000.)
  const span = (Date.parse(NOW) - CORPUS_START) / 60_000;
  const corpus = await makeBuildCorpus("corpus-huge", plan.hugeSize, Math.min(97, Math.floor(span / plan.hugeSize)));
  const huge: NonNullable<Report["huge"]> = { size: plan.hugeSize, results: [] };
  for (const contender of contenders.filter((c) => c.name === "bantin" || c.name === "Hugo")) {
    const out = path.join(work, "out-huge");
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(path.join(work, "cache"), { recursive: true, force: true });
    const { command, args, env } = contender.command(corpus, out);
    // A build that fails here (out of memory, say) is the finding, not a reason to lose the run.
    try {
      const sample = await runTimed(command, args, { cwd: ROOT, env });
      const published = /articles: (\d+) published/.exec(sample.output)?.[1];
      if (published !== undefined && Number(published) !== plan.hugeSize)
        throw new Error(`the build published ${published} of ${plan.hugeSize} articles; the row must build them all`);
      huge.results.push({ name: contender.name, wall: sample.wall, cpu: sample.cpu, rssMb: sample.rssMb });
      log(`${plan.hugeSize} articles, ${contender.name}: ${seconds(sample.wall)} s, ${Math.round(sample.rssMb)} MB`);
    } catch (error) {
      const failed = (error as Error).message.split("\n").filter(Boolean).slice(-3).join(" ").slice(0, 300);
      huge.results.push({ name: contender.name, wall: Number.NaN, cpu: Number.NaN, rssMb: Number.NaN, failed });
      log(`${plan.hugeSize} articles, ${contender.name}: failed: ${failed}`);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  report.huge = huge;
  fs.rmSync(corpus, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const hugoVersion = findHugo();
  if (!hugoVersion) log("Hugo is not installed (apt-get install hugo): its rows are skipped");
  const contenders: Contender[] = [
    bantin(path.join(work, "cache"), path.join(work, "comments"), NOW),
    bareEleventy,
    ...(hugoVersion ? [hugo] : []),
    nodeLoop,
  ];
  const report: Report = {
    quick,
    partial,
    work,
    runs,
    warmupRounds: plan.warmupRounds,
    hugoVersion,
    builds: [],
    date: new Date().toISOString(),
    commit: getCommit(),
  };
  if (phasesToRun.has("builds"))
    for (const size of sizes) await phase(`builds at ${size} articles`, () => measureBuilds(report, contenders, size));

  if (phasesToRun.has("rebuilds") || phasesToRun.has("serve")) {
    const corpus = await phase("rebuild corpus", () => makeBuildCorpus("corpus-rebuilds", plan.rebuildSize));
    report.rebuilds = await optional("rebuilds", `rebuilds at ${plan.rebuildSize} articles`, () =>
      measureRebuilds(corpus, work, plan.rebuildSize, plan.rebuildRuns, NOW, hugoVersion !== null, log),
    );
    report.serveEdit = await optional("serve", `npm start at ${plan.rebuildSize} articles`, () =>
      measureServeEdit(corpus, work, plan.rebuildSize, plan.serveSaves, NOW, log),
    );
    fs.rmSync(corpus, { recursive: true, force: true });
  }

  if (phasesToRun.has("photos")) {
    const photoCorpus = path.join(work, "corpus-photos");
    await phase("photo corpus", () => makeCorpus({ dir: photoCorpus, articles: plan.photoArticles, photos: plan.photos }));
    log(`photos: ${plan.photoArticles} articles sharing ${plan.photos} photos of 3000x2000`);
    const photoBuilds = await phase("photo builds", () => measurePhotoBuilds(photoCorpus, work, plan.photoRuns, NOW));
    report.photos = { articles: plan.photoArticles, distinct: plan.photos, ...photoBuilds };
    await phase("single photo", () => measureSinglePhoto(report, path.join(photoCorpus, "articles/_photos/anh-0.jpg")));
    fs.rmSync(photoCorpus, { recursive: true, force: true });
  }

  report.commentLoad = await optional("comments", "comment loading", () => measureCommentLoading(work, plan.commentArticles, 10));
  report.functionInProcess = await optional("function", "function in-process", () => loadInProcess(work, plan.inProcess, 8));
  report.functionServed = await optional("function", "function served", () =>
    measureServedFunction(work, plan.served, 8, loadOverHttp, log),
  );
  await optional("huge", `cold build at ${plan.hugeSize} articles`, () => measureHuge(report, contenders));

  const name = partial ? "bench-only" : quick ? "bench-quick" : null;
  const file = name ? path.join(ROOT, `.tmp/${name}.md`) : path.join(ROOT, "BENCHMARKS.md");
  // The raw figures too, so the report can be checked or rewritten without a new run.
  fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, name ? `.tmp/${name}.json` : "benchmarks.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeReport(report, file);
  log(`wrote ${path.relative(ROOT, file)}`);
  for (const row of report.builds)
    log(`${row.size} ${row.name}: ${seconds(row.wall.median)} s wall, ${seconds(row.cpu.median)} s CPU, ${Math.round(row.rss.median)} MB`);
}

const started = performance.now();
try {
  await main();
  const total = (performance.now() - started) / 1000;
  log(
    `${total.toFixed(1)} s in all: ${phases.map((p) => `${p.name} ${p.seconds.toFixed(1)} s (${Math.round((p.seconds / total) * 100)} %)`).join(", ")}`,
  );
} finally {
  // Every process the bench started must be gone when it ends, also after a failure.
  if ((await reapLeftovers(log)).length > 0) process.exitCode = 1;
  fs.rmSync(work, { recursive: true, force: true });
}
