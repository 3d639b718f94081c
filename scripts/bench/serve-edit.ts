import fs from "node:fs";
import path from "node:path";
import { spawnOwned, stopGroup } from "./child-processes.ts";
import { freePort } from "./served-function.ts";
import { ROOT } from "./contenders.ts";
import { summarize } from "./measure.ts";

/** `npm start` with one article saved again and again: from the write to the new page on disk. */
export interface ServeEditReport {
  size: number;
  saves: number;
  /** Seconds from the article file's write to its page holding the new text (a sentence added). */
  updated: ReturnType<typeof summarize>;
  /** The same for a save that changes the title (front matter), which takes the full rebuild. */
  retitled: ReturnType<typeof summarize>;
  /** Seconds until `npm start` printed its first build done (start-up and a cold build). */
  firstBuild: number;
  /** Pages the last save rendered, as the build's log says. */
  rendered: number;
}

/**
 * The command `npm start` runs, read from package.json (its leading VAR=value settings, then node
 * and its arguments), with the port replaced by `port`: the bench runs exactly that process.
 */
function readStartCommand(port: number): { env: Record<string, string>; args: string[] } {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start as string;
  const words = script.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? "")) {
    const [name, ...value] = words.shift()!.split("=");
    env[name!] = value.join("=");
  }
  if (words.shift() !== "node") throw new Error(`the bench expects "npm start" to run node, not: ${script}`);
  return { env, args: [...words.filter((word) => !word.startsWith("--port")), `--port=${port}`] };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

async function waitFor(what: string, test: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`npm start: no ${what} within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Starts `npm start` on `corpus`, waits for its first build and for its watcher to see a save,
 * then `saves` times rewrites one article with a new sentence and times until that article's page
 * on disk holds it (polled every 5 ms), waiting for each rebuild to finish before the next save;
 * then as many saves that change its title instead (a text-only save takes npm start's short path,
 * lib/build/text-edit.ts; a front-matter change the full incremental rebuild). The server and everything it
 * started (its process group) are stopped at the end, also on failure.
 */
export async function measureServeEdit(
  corpus: string,
  workDir: string,
  size: number,
  saves: number,
  now: string,
  log: (line: string) => void,
): Promise<ServeEditReport> {
  const out = path.join(workDir, "serve-out");
  fs.rmSync(out, { recursive: true, force: true });
  const slug = `bai-viet-${Math.floor(size / 3)}`;
  const article = path.join(corpus, "articles", `${slug}.md`);
  const original = fs.readFileSync(article, "utf8");
  const port = await freePort();
  const start = readStartCommand(port);
  const started = performance.now();
  const child = spawnOwned(process.execPath, [...start.args, `--output=${out}`], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...start.env,
      BANTIN_CONTENT_DIR: corpus,
      BANTIN_CACHE_DIR: path.join(workDir, "serve-cache"),
      BANTIN_COMMENT_STORE: "file",
      BANTIN_COMMENT_DIR: path.join(workDir, "serve-comments"),
      BANTIN_NOW: now,
      CONTEXT: "",
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const builds = () => count(output, "[bantin] pages:");
  const read = () => output;
  try {
    await waitFor("first build", () => builds() >= 1 || child.exitCode !== null, 15 * 60_000, read);
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    const firstBuild = (performance.now() - started) / 1000;
    log(`npm start: first build done after ${firstBuild.toFixed(1)} s`);
    const section = fs.readdirSync(out).find((dir) => fs.existsSync(path.join(out, dir, slug, "index.html")));
    if (!section) throw new Error(`npm start wrote no page for ${slug} under ${out}`);
    const page = path.join(out, section, slug, "index.html");
    // "Server at" is printed before the watcher has read every folder, and a save before that goes
    // unseen: an untimed first save, repeated until the watcher reports it, makes sure it is live.
    await waitFor("server", () => output.includes("Server at"), 120_000, read);
    const probe = builds();
    for (let tries = 0; count(output, "File changed") === 0; tries++) {
      if (tries === 60) throw new Error(`npm start: the watcher saw no save in 60 s:\n${output.slice(-3000)}`);
      fs.writeFileSync(article, `${original}\n`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await waitFor("end of the untimed rebuild", () => builds() > probe, 120_000, read);
    const timeSaves = async (edit: (marker: string) => string): Promise<number[]> => {
      const times: number[] = [];
      for (let save = 1; save <= saves; save++) {
        const before = builds();
        const marker = `Câu mới số ${save} lúc ${Date.now()}.`;
        const written = performance.now();
        fs.writeFileSync(article, edit(marker));
        await waitFor(`page update after save ${save}`, () => fs.readFileSync(page, "utf8").includes(marker), 120_000, read);
        times.push((performance.now() - written) / 1000);
        await waitFor(`end of rebuild ${save}`, () => builds() > before, 120_000, read);
      }
      return times;
    };
    const updated = await timeSaves((marker) => `${original}\n${marker}\n`);
    const last = [...output.matchAll(/\[bantin\] pages: (\d+) rendered/g)].at(-1);
    const retitled = await timeSaves((marker) =>
      original.replace(/^title: "(.*)"$/m, (_line, title: string) => `title: "${title} ${marker}"`),
    );
    return { size, saves, updated: summarize(updated), retitled: summarize(retitled), firstBuild, rendered: Number(last?.[1] ?? -1) };
  } finally {
    fs.writeFileSync(article, original);
    await stopGroup(child.pid!);
    fs.rmSync(out, { recursive: true, force: true });
  }
}
