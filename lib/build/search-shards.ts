import fs from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { BantinError } from "../core/errors.ts";
import type { SearchRecord } from "../core/search-records.ts";
import { listFilesUnder } from "./list-files.ts";

// Pagefind also writes its ready-made interfaces; the search page uses its own script
// (layouts/assets/search.js) and runs Pagefind on the page's thread, so these are never loaded.
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight|worker)\.(js|css)$/;

// Records kept in flight to Pagefind's service at once (per shard), rather than one awaited at a
// time: the IPC round trip of each record then overlaps the indexing of the others. Measured on
// 4,000 generated records of 600 words in one index (2 shared cores under a load of 8 to 11, so
// medians of 3 interleaved runs; CPU seconds Pagefind + Node): one at a time and getFiles() 14.7 +
// 5.3; in flight and getFiles() 13.6 + 4.4; one at a time and writeFiles() 16.9 + 2.7; in flight
// and writeFiles() 16.2 + 2.2. Most of the cost is Pagefind building and compressing the index;
// writeFiles() saves Node the base64 of every file.
// A Pagefind service handles one message at a time and compresses on one thread, and an index's
// cost grows faster than its size. 16,000 records of 600 words over three years, whole indexer
// from nothing, one quiet run each: year shards in one service 29.9 s wall, 56 s CPU, 808 MB peak
// (the service); month shards in two services 17.5 s, 36 s, 276 MB. One record edited then: 12.4 s
// (its year, 5,300 records) against 1.8 s (its month).
const IN_FLIGHT = 32;

type Pagefind = typeof pagefind;

/**
 * A page to index, whose record is made when it is sent. Why not records: a record holds the
 * page's text, and 100,000 of them at once were more memory than the rest of the build.
 */
export interface PendingRecord {
  toRecord(): SearchRecord;
}

/**
 * The Pagefind module for service `n`. The module keeps one service process and handles its
 * messages one at a time on one core, so a second process needs a second instance of the module:
 * imported again under another query string, it is a module of its own (ES modules are keyed by URL).
 */
async function loadPagefind(n: number): Promise<Pagefind> {
  if (n === 0) return pagefind;
  return (await import(`${import.meta.resolve("pagefind")}?service=${n}`)) as Pagefind;
}

async function startService(service: Pagefind): Promise<void> {
  // A throwaway index checks that the binary runs, with a message that says how to fix it if not.
  const { index, errors } = await service.createIndex({}).catch((error: unknown) => {
    throw new BantinError(
      `Pagefind could not start (${error instanceof Error ? error.message : String(error)}); run npm ci so that its binary for this platform (@pagefind/${process.platform}-${process.arch}) is installed, then build again`,
      { cause: error },
    );
  });
  if (!index) throw new BantinError(`Pagefind could not start an index: ${errors.join("; ")}; build again, and report it if it persists`);
  await index.deleteIndex();
}

/** Indexes one shard's records and has Pagefind write its files into `dir`. */
async function buildShard(service: Pagefind, key: string, records: readonly PendingRecord[], dir: string): Promise<void> {
  const { index, errors } = await service.createIndex({});
  if (!index) throw new BantinError(`Pagefind could not start the index of shard ${key}: ${errors.join("; ")}; build again`);
  try {
    let next = 0;
    const send = async () => {
      while (next < records.length) {
        const record = records[next++]!.toRecord();
        const added = await index.addCustomRecord(record);
        if (added.errors.length) throw new BantinError(`Pagefind could not index ${record.url}: ${added.errors.join("; ")}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, records.length) }, send));
    // Written by Pagefind straight to disk: getFiles() would send every file back over the pipe in base64.
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length) throw new BantinError(`Pagefind could not write the index of shard ${key}: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
}

/**
 * The shards dealt to `count` services, largest first to the least loaded, so that they finish
 * about together; each service builds its share one shard after another.
 */
function dealShards(shards: ReadonlyMap<string, readonly PendingRecord[]>, count: number): string[][] {
  const shares = Array.from({ length: count }, () => ({ keys: [] as string[], records: 0 }));
  for (const [key, records] of [...shards].sort(([, a], [, b]) => b.length - a.length)) {
    const share = shares.reduce((least, next) => (next.records < least.records ? next : least));
    share.keys.push(key);
    share.records += records.length;
  }
  return shares.map((share) => share.keys).filter((keys) => keys.length > 0);
}

/**
 * Runs Pagefind over each shard's records (key -> pages, each record made as it is sent), each
 * written into `<scratch>/<key>/`:
 * for each shard, its index files by path relative to the shard folder, mapped to where they were
 * written. Up to `services` Pagefind processes work at once, each on one shard at a time (its
 * memory is that of one shard's index); all are closed before this returns.
 */
export async function buildShardFiles(
  shards: ReadonlyMap<string, readonly PendingRecord[]>,
  scratch: string,
  services = 1,
): Promise<Map<string, Map<string, string>>> {
  await fs.rm(scratch, { recursive: true, force: true });
  const shares = dealShards(shards, Math.max(1, Math.min(services, shards.size)));
  const started: Pagefind[] = [];
  try {
    await Promise.all(
      shares.map(async (keys, n) => {
        const service = await loadPagefind(n);
        started.push(service);
        await startService(service);
        for (const key of keys) await buildShard(service, key, shards.get(key)!, path.join(scratch, key));
      }),
    );
  } finally {
    // Each service is a child process: closed, so that a build never leaves one running.
    await Promise.all(started.map((service) => service.close()));
  }
  const result = new Map<string, Map<string, string>>();
  for (const key of shards.keys()) {
    const dir = path.join(scratch, key);
    const files = listFilesUnder(dir).filter((name) => !UNUSED.test(name));
    result.set(key, new Map(files.map((name) => [name, path.join(dir, name)])));
  }
  return result;
}
