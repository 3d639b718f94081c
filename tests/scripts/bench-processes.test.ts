import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLeftovers, listProcesses, type ProcessInfo } from "../../scripts/bench/child-processes.ts";
import { makeCorpus } from "../../scripts/bench/corpus.ts";
import { measureServeEdit } from "../../scripts/bench/serve-edit.ts";
import { measureServedFunction } from "../../scripts/bench/served-function.ts";
import { makeTempDir, ROOT } from "../helpers/build-site.ts";

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("bench-processes");
});
afterAll(async () => {
  await fs.rm(temp, { recursive: true, force: true });
});

/** Which of `pids` `ps` still lists (ps exits 1 when it lists none). */
function listAlive(pids: readonly number[]): string[] {
  try {
    return (
      execFileSync("ps", ["-o", "pid=,stat=,args=", "-p", pids.join(",")], { encoding: "utf8" })
        .split("\n")
        .map((line) => line.trim())
        // A zombie has ended and only waits for its parent to read its status.
        .filter((line) => line && !/^\d+\s+Z/.test(line))
    );
  } catch {
    return [];
  }
}

/** Every process in the process group `pgid`, as `ps` lists them. */
function listGroup(pgid: number): string[] {
  return execFileSync("ps", ["-eo", "pgid=,pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${pgid} `) && !/^\d+\s+\d+\s+Z/.test(line));
}

/** Kills a process, and its whole group when it leads one (never the group of this test run). */
function kill(p: Pick<ProcessInfo, "pid" | "pgid">) {
  try {
    process.kill(p.pgid === p.pid ? -p.pid : p.pid, "SIGKILL");
  } catch {
    // Already gone, as it should be.
  }
}

describe("the bench's served-function phase", () => {
  it("leaves no process behind when the load fails midway", async () => {
    let running: ProcessInfo[] = [];
    let status = 0;
    const run = measureServedFunction(temp, 10, 2, async (url) => {
      status = (await fetch(url)).status;
      running = findLeftovers();
      throw new Error("the load failed midway");
    });
    try {
      await expect(run).rejects.toThrow("the load failed midway");
      expect(status).toBe(405);
      expect(running.some((p) => p.command.includes("functions:serve"))).toBe(true);
      expect(listAlive(running.map((p) => p.pid))).toEqual([]);
      expect(findLeftovers()).toEqual([]);
    } finally {
      for (const p of running) kill(p);
    }
  });
});

describe("the bench's npm start phase", () => {
  it("stops npm start and all it started when the phase fails midway", async () => {
    // Six articles, the one the phase saves (bai-viet-2) set to draft: the first build writes no
    // page for it, so the phase fails after the server is up.
    const corpus = path.join(temp, "serve-corpus");
    await makeCorpus({ dir: corpus, articles: 6, photos: 0 });
    const draft = path.join(corpus, "articles/bai-viet-2.md");
    await fs.writeFile(draft, (await fs.readFile(draft, "utf8")).replace("---\n", "---\ndraft: true\n"));
    let running: ProcessInfo[] = [];
    const run = measureServeEdit(corpus, temp, 6, 1, "2026-01-01T00:00:00Z", (line) => {
      if (line.includes("first build done")) running = findLeftovers();
    });
    try {
      await expect(run).rejects.toThrow("npm start wrote no page for bai-viet-2");
      expect(running.some((p) => p.command.includes("--serve"))).toBe(true);
      expect(listAlive(running.map((p) => p.pid))).toEqual([]);
      expect(findLeftovers()).toEqual([]);
    } finally {
      for (const p of running) kill(p);
    }
  });
});

/** Live processes whose chain of parents leads to `root`. */
function listDescendants(root: number): ProcessInfo[] {
  const list = listProcesses();
  const byPid = new Map(list.map((p) => [p.pid, p]));
  return list.filter((p) => {
    for (let info: ProcessInfo | undefined = p; info && info.ppid > 1; info = byPid.get(info.ppid)) if (info.ppid === root) return true;
    return false;
  });
}

// The bench's served-function phase in a process of its own, as `npm run bench` runs it: it
// prints SERVING once the function answers, then waits until it is interrupted.
const SERVED_SCRIPT = (workDir: string) => `
import { installCleanup } from ${JSON.stringify(path.join(ROOT, "scripts/bench/child-processes.ts"))};
import { measureServedFunction } from ${JSON.stringify(path.join(ROOT, "scripts/bench/served-function.ts"))};
installCleanup((line) => console.log(line));
setInterval(() => {}, 1000);
await measureServedFunction(${JSON.stringify(workDir)}, 10, 2, async (url) => {
  console.log("SERVING " + (await fetch(url)).status);
  return new Promise(() => {});
});
`;

describe("the bench interrupted during the served-function phase", () => {
  for (const ending of ["SIGINT", "SIGTERM"] as const) {
    it(`stops netlify functions:serve and all it started on ${ending}`, async () => {
      const script = path.join(temp, `served-${ending}.mts`);
      await fs.writeFile(script, SERVED_SCRIPT(path.join(temp, `served-${ending}`)));
      const bench = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      bench.stderr.on("data", (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => bench.once("exit", (code) => resolve(code)));
      let running: ProcessInfo[] = [];
      try {
        await new Promise<void>((resolve, reject) => {
          bench.stdout.on("data", (chunk) => {
            output += chunk;
            if (output.includes("SERVING 405")) resolve();
          });
          bench.once("exit", () => reject(new Error(`the served-function phase ended before it served:\n${output}`)));
        });
        running = listDescendants(bench.pid!);
        expect(running.some((p) => p.command.includes("functions:serve"))).toBe(true);
        bench.kill(ending);
        expect(await exited).toBe(ending === "SIGINT" ? 130 : 143);
        expect(listAlive(running.map((p) => p.pid))).toEqual([]);
      } finally {
        bench.kill("SIGKILL");
        for (const p of running) kill(p);
      }
    });
  }
});

// A bench-like script: starts a child that itself starts a grandchild, both meant to run for
// minutes, prints the child's pid, then throws when told so on its standard input.
const SCRIPT = `
import { findLeftovers, installCleanup, spawnOwned } from ${JSON.stringify(path.join(ROOT, "scripts/bench/child-processes.ts"))};
installCleanup((line) => console.log(line));
console.log("LEFT BEFORE " + findLeftovers().length);
const child = spawnOwned(process.execPath, ["-e", "require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)"], { stdio: "ignore" });
console.log("CHILD " + child.pid);
process.stdin.once("data", () => { throw new Error("failed mid-run"); });
`;

describe("the bench's process cleanup", () => {
  for (const ending of ["throw", "SIGINT", "SIGTERM"] as const) {
    it(`ends every process the run started when the run ends by ${ending}`, async () => {
      const script = path.join(temp, `bench-like-${ending}.mts`);
      await fs.writeFile(script, SCRIPT);
      const bench = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
      let output = "";
      bench.stderr.on("data", (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => bench.once("exit", (code) => resolve(code)));
      const pgid = await new Promise<number>((resolve, reject) => {
        bench.stdout.on("data", (chunk) => {
          output += chunk;
          const match = /CHILD (\d+)/.exec(output);
          if (match) resolve(Number(match[1]));
        });
        bench.once("exit", () => reject(new Error(`the bench-like script ended before starting its child:\n${output}`)));
      });
      try {
        // Nothing counted as left before the script started anything (tsx's own service is not).
        expect(output).toContain("LEFT BEFORE 0");
        // Both the child and its grandchild are up before the run ends.
        const deadline = Date.now() + 15_000;
        while (listProcesses().filter((p) => p.pgid === pgid).length < 2 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(listGroup(pgid)).toHaveLength(2);
        if (ending === "throw") bench.stdin.write("throw\n");
        else bench.kill(ending);
        const code = await exited;
        expect(code).toBe(ending === "throw" ? 1 : ending === "SIGINT" ? 130 : 143);
        expect(listGroup(pgid)).toEqual([]);
      } finally {
        bench.kill("SIGKILL");
        kill({ pid: pgid, pgid });
      }
    });
  }
});
