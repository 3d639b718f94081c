import fs from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { BantinError } from "../core/errors.ts";
import type { SearchRecord } from "../core/search-records.ts";

// Pagefind also writes its ready-made interfaces; the search page uses its own script
// (layouts/assets/search.js) and runs Pagefind on the page's thread, so these are never loaded.
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight|worker)\.(js|css)$/;

// Records kept in flight to Pagefind's service at once (per shard), rather than one awaited at a
// time: the IPC round trip of each record then overlaps the indexing of the others. Measured on
// 4,000 generated records of 600 words in one index (2 shared cores under a load of 8 to 11, so
// medians of 3 interleaved runs; CPU seconds Pagefind + Node): one at a time and getFiles() 14.7 +
// 5.3; in flight and getFiles() 13.6 + 4.4; one at a time and writeFiles() 16.9 + 2.7; in flight
// and writeFiles() 16.2 + 2.2. Wall times (16 to 65 s) were swamped by the load. Most of the cost is
// Pagefind building and compressing the index; writeFiles() saves Node the base64 of every file.
// Whole indexer, cold, 4,000 records over 4 years: 73.2 s wall, 27.7 s CPU as one index before
// sharding; 30.8 s, 17.0 s as four shards built at once; one record edited: 50.3 s, 20.4 s before,
// 7.7 s, 5.3 s now (one shard of four indexed). In one year (one shard) cold: 24.2 s CPU before,
// 25.2 s now, no gain.
const IN_FLIGHT = 32;

/** Every file under `dir`, relative, or none if it does not exist. */
async function listFilesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

async function startService(): Promise<void> {
  // A throwaway index checks that the binary runs, with a message that says how to fix it if not.
  const { index, errors } = await pagefind.createIndex({}).catch((error: unknown) => {
    throw new BantinError(
      `Pagefind could not start (${error instanceof Error ? error.message : String(error)}); run npm ci so that its binary for this platform (@pagefind/${process.platform}-${process.arch}) is installed, then build again`,
      { cause: error },
    );
  });
  if (!index) throw new BantinError(`Pagefind could not start an index: ${errors.join("; ")}; build again, and report it if it persists`);
  await index.deleteIndex();
}

/** Indexes one shard's records and has Pagefind write its files into `dir`. */
async function buildShard(year: string, records: readonly SearchRecord[], dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new BantinError(`Pagefind could not start the index of ${year}: ${errors.join("; ")}; build again`);
  try {
    let next = 0;
    const send = async () => {
      while (next < records.length) {
        const record = records[next++]!;
        const added = await index.addCustomRecord(record);
        if (added.errors.length) throw new BantinError(`Pagefind could not index ${record.url}: ${added.errors.join("; ")}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, records.length) }, send));
    // Written by Pagefind straight to disk: getFiles() would send every file back over the pipe in base64.
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length) throw new BantinError(`Pagefind could not write the index of ${year}: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
}

/**
 * Runs Pagefind over each shard's records (year -> records), all shards at once in the one Pagefind
 * service, each written into `<scratch>/<year>/`: for each year, its index files by path relative to
 * the shard folder, mapped to where they were written. The service is closed before this returns.
 */
export async function buildShardFiles(
  shards: ReadonlyMap<string, readonly SearchRecord[]>,
  scratch: string,
): Promise<Map<string, Map<string, string>>> {
  await fs.rm(scratch, { recursive: true, force: true });
  try {
    await startService();
    await Promise.all([...shards].map(([year, records]) => buildShard(year, records, path.join(scratch, year))));
  } finally {
    // The service is a child process: closed, so that a build never leaves it running.
    await pagefind.close();
  }
  const result = new Map<string, Map<string, string>>();
  for (const year of shards.keys()) {
    const dir = path.join(scratch, year);
    const files = (await listFilesUnder(dir)).filter((name) => !UNUSED.test(name)).sort();
    result.set(year, new Map(files.map((name) => [name, path.join(dir, name)])));
  }
  return result;
}
