import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getStore } from "@netlify/blobs";
import { readFileSync } from "node:fs";
import { handleCommentRequest } from "../../lib/http/index.ts";
import { CommentStore, createBlobsBackend } from "../../lib/store/index.ts";
import { spawnOwned, stopGroup } from "./child-processes.ts";
import { summarize } from "./measure.ts";

/** Requests per second, latency percentiles in ms, and whether every 2xx answer left one record. */
export interface LoadResult {
  requests: number;
  concurrency: number;
  rps: number;
  p50: number;
  p99: number;
  accepted: number;
  stored: number;
  /** CPU seconds used during the run by the handler's process and by the Blobs server, if known. */
  cpu?: { handler: number; server: number };
}

const MANIFEST = { language: "vi", articles: { "bai-tai": { url: "/tin/bai-tai/", open: true } } };

function body(i: number) {
  return JSON.stringify({
    slug: "bai-tai",
    name: `Độc giả ${i}`,
    email: `r${i}-${randomBytes(3).toString("hex")}@example.com`,
    content: `Ý kiến thứ ${i} về bài viết.`,
    website: "",
  });
}

/** Sends `requests` submissions, `concurrency` at a time, through `send`; a bounded loop. */
async function drive(
  requests: number,
  concurrency: number,
  send: (i: number) => Promise<number>,
): Promise<{ latencies: number[]; accepted: number; seconds: number }> {
  const latencies: number[] = [];
  let accepted = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        const status = await send(i);
        latencies.push(performance.now() - t);
        if (status >= 200 && status < 300) accepted++;
      }
    }),
  );
  return { latencies, accepted, seconds: (performance.now() - started) / 1000 };
}

function result(requests: number, concurrency: number, run: Awaited<ReturnType<typeof drive>>, stored: number): LoadResult {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    requests,
    concurrency,
    rps: requests / run.seconds,
    p50: summarize(sorted).median,
    p99: sorted[Math.floor(sorted.length * 0.99)]!,
    accepted: run.accepted,
    stored,
  };
}

/** User+system CPU seconds a process has used (Linux /proc; clock ticks of 1/100 s). */
function readProcessCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the local Blobs server in a child process (its own group) and resolves with its port. */
function startBlobsProcess(directory: string): Promise<{ port: number; stop: () => Promise<void>; cpuSeconds: () => number }> {
  return new Promise((resolve, reject) => {
    const child = spawnOwned(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "blobs-server.ts"), directory, "bench"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const stop = () => stopGroup(child.pid!);
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      reject(
        new Error(`the bench's Blobs server (scripts/bench/blobs-server.ts) exited with ${code ?? signal} before it printed its port`),
      ),
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(chunk.toString());
      if (match) resolve({ port: Number(match[1]), stop, cpuSeconds: () => readProcessCpu(child.pid!) });
    });
  });
}

/** The handler in this process against a real local Netlify Blobs server (its own process). */
export async function loadInProcess(workDir: string, requests: number, concurrency: number): Promise<LoadResult> {
  const server = await startBlobsProcess(path.join(workDir, "blobs"));
  const edgeURL = `http://127.0.0.1:${server.port}`;
  const store = new CommentStore(
    createBlobsBackend(
      getStore({ name: "bench", siteID: "bench", token: "bench", edgeURL, uncachedEdgeURL: edgeURL, consistency: "strong" }),
    ),
  );
  const deps = { store, manifest: async () => MANIFEST, salt: "bench", log: () => undefined };
  try {
    const serverBefore = server.cpuSeconds();
    const handlerBefore = process.cpuUsage();
    const run = await drive(requests, concurrency, async (i) => {
      const request = new Request("http://localhost/api/comments", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body(i),
      });
      return (await handleCommentRequest(request, `10.0.${Math.floor(i / 250)}.${i % 250}`, deps)).status;
    });
    const handlerCpu = process.cpuUsage(handlerBefore);
    const cpu = { handler: (handlerCpu.user + handlerCpu.system) / 1e6, server: server.cpuSeconds() - serverBefore };
    return { ...result(requests, concurrency, run, (await store.listCommentVersions()).length), cpu };
  } finally {
    await server.stop();
    await fs.rm(path.join(workDir, "blobs"), { recursive: true, force: true });
  }
}

/** The same submissions over HTTP to a running function (netlify functions:serve). */
export async function loadOverHttp(
  url: string,
  requests: number,
  concurrency: number,
  countStored: () => Promise<number>,
): Promise<LoadResult> {
  const run = await drive(requests, concurrency, async (i) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body(i) });
    await response.arrayBuffer();
    return response.status;
  });
  return result(requests, concurrency, run, await countStored());
}
