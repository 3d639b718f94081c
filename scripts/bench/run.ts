// npm run bench [-- --quick]: bantin against bare Eleventy, Hugo and a plain Node loop, interleaved,
// then photos, comment loading and the comment function under load. Writes BENCHMARKS.md (full run)
// or .tmp/bench-quick.md (--quick, for CI). See BENCHMARKS.md for how to read it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeCorpus } from "./corpus.ts";
import { bantin, bareEleventy, findHugo, hugo, nodeLoop, prepareCorpusForOthers, ROOT, type Contender } from "./contenders.ts";
import { loadInProcess, loadOverHttp } from "./function-load.ts";
import { runTimed, seconds, summarize, type Sample } from "./measure.ts";
import { measureCommentLoading, measurePhotoBuilds } from "./scenarios.ts";
import { measureServedFunction } from "./served-function.ts";
import { writeReport, type Report } from "./report.ts";

const quick = process.argv.includes("--quick");
const NOW = "2026-01-01T00:00:00Z";
const work = fs.existsSync("/dev/shm") ? "/dev/shm/bantin-bench" : path.join(os.tmpdir(), "bantin-bench");
const sizes = quick ? [250, 1000] : [1000, 4000, 16000];
const runs = quick ? 3 : 5;
const log = (line: string) => console.log(`[bench] ${line}`);

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const hugoVersion = findHugo();
if (!hugoVersion) log("Hugo is not installed (apt-get install hugo): its rows are skipped");
const contenders: Contender[] = [bantin(path.join(work, "cache"), path.join(work, "comments"), NOW), bareEleventy, ...(hugoVersion ? [hugo] : []), nodeLoop];

const report: Report = { quick, work, runs, hugoVersion, builds: [], date: new Date().toISOString() };
for (const size of sizes) {
  const corpus = path.join(work, `corpus-${size}`);
  await makeCorpus({ dir: corpus, articles: size, photos: 0 });
  prepareCorpusForOthers(corpus);
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
  // One untimed round warms the file cache, then A B C D, A B C D, … so drift hits all alike.
  for (let round = 0; round <= runs; round++) {
    for (const contender of contenders) {
      const out = path.join(work, "out");
      fs.rmSync(out, { recursive: true, force: true });
      const { command, args, env } = contender.command(corpus, out);
      const sample = await runTimed(command, args, { cwd: ROOT, env });
      if (round > 0) samples.get(contender.name)!.push(sample);
    }
    log(`${size} articles: round ${round}/${runs} done`);
  }
  for (const [name, list] of samples) {
    report.builds.push({ size, name, wall: summarize(list.map((s) => s.wall)), cpu: summarize(list.map((s) => s.cpu)), rss: summarize(list.map((s) => s.rssMb)) });
  }
  fs.rmSync(corpus, { recursive: true, force: true });
}

const photoArticles = quick ? 100 : 4000;
const photoCorpus = path.join(work, "corpus-photos");
await makeCorpus({ dir: photoCorpus, articles: photoArticles, photos: 4 });
log(`photos: ${photoArticles} articles sharing 4 photos of 3000x2000`);
report.photos = { articles: photoArticles, ...(await measurePhotoBuilds(photoCorpus, work, runs, NOW)) };

const single: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const out = path.join(work, "one-photo");
  fs.rmSync(out, { recursive: true, force: true });
  const sample = await runTimed(process.execPath, ["--import", "tsx", "scripts/bench/photo-once.ts", path.join(photoCorpus, "articles/_photos/anh-0.jpg"), out], { cwd: ROOT });
  single.push(sample);
  report.photoFiles = sample.output.trim().split("\n").at(-2) ?? "";
}
report.singlePhoto = { cpu: summarize(single.map((s) => s.cpu)), wall: summarize(single.map((s) => s.wall)) };

log("comments: loading approved comments");
report.commentLoad = quick ? await measureCommentLoading(work, 500, 10) : await measureCommentLoading(work, 10_000, 10);

log("comment function: in-process against a local Blobs server");
report.functionInProcess = await loadInProcess(work, quick ? 1000 : 5000, 8);
log("comment function: over HTTP through netlify functions:serve");
report.functionServed = await measureServedFunction(work, quick ? 200 : 1000, 8, loadOverHttp);

const file = quick ? path.join(ROOT, ".tmp/bench-quick.md") : path.join(ROOT, "BENCHMARKS.md");
// The raw figures too, so the report can be checked or rewritten without a new run.
fs.mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
fs.writeFileSync(path.join(ROOT, quick ? ".tmp/bench-quick.json" : "benchmarks.json"), `${JSON.stringify(report, null, 2)}\n`);
writeReport(report, file);
log(`wrote ${path.relative(ROOT, file)}`);
for (const row of report.builds) log(`${row.size} ${row.name}: ${seconds(row.wall.median)} s wall, ${seconds(row.cpu.median)} s CPU, ${Math.round(row.rss.median)} MB`);
fs.rmSync(work, { recursive: true, force: true });
