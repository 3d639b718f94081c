import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { toOutputFile } from "../core/routes.ts";

/** Where the list of pages last written into `siteDir` is kept: outside the site, so never deployed. */
function getManifestPath(cacheDir: string, siteDir: string): string {
  const key = createHash("sha256").update(path.resolve(siteDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, "output", `${key}.json`);
}

async function readPreviousPages(file: string): Promise<string[]> {
  try {
    const data = JSON.parse(await fs.readFile(file, "utf8")) as { pages?: unknown };
    return Array.isArray(data.pages) ? data.pages.filter((page): page is string => typeof page === "string") : [];
  } catch {
    return [];
  }
}

/** Removes `file` and then each parent folder it leaves empty, up to (not including) `siteDir`. */
async function removeWithEmptyParents(siteDir: string, file: string): Promise<void> {
  await fs.rm(file, { force: true });
  for (let dir = path.dirname(file); dir.startsWith(siteDir + path.sep); dir = path.dirname(dir)) {
    const left = await fs.readdir(dir).catch(() => null);
    if (left === null || left.length > 0) return;
    await fs.rmdir(dir).catch(() => undefined);
  }
}

/**
 * Makes a build's output exact after it has written into a folder that may hold an earlier build:
 * files the previous build of this folder rendered that this one did not are removed, and so are
 * photos in `img/` this build does not use. `urls` are this build's route URLs (lib/core/routes.ts:
 * every page, feed and file the renderer writes); the assets Eleventy copies are left alone.
 * Returns how many files were removed.
 */
export async function pruneStaleOutput(
  siteDir: string,
  cacheDir: string,
  urls: readonly string[],
  photoNames: readonly string[],
): Promise<number> {
  const manifest = getManifestPath(cacheDir, siteDir);
  const current = new Set(urls.map(toOutputFile));
  let removed = 0;
  for (const page of await readPreviousPages(manifest)) {
    // Only paths inside the site, whatever a damaged manifest says.
    const file = path.resolve(siteDir, page);
    if (current.has(page) || !file.startsWith(path.resolve(siteDir) + path.sep)) continue;
    await removeWithEmptyParents(path.resolve(siteDir), file);
    removed++;
  }
  const used = new Set(photoNames);
  const imgDir = path.join(siteDir, "img");
  for (const name of await fs.readdir(imgDir).catch(() => [] as string[])) {
    if (used.has(name)) continue;
    await fs.rm(path.join(imgDir, name), { force: true, recursive: true });
    removed++;
  }
  await fs.mkdir(path.dirname(manifest), { recursive: true });
  const temporary = `${manifest}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify({ pages: [...current].sort() }));
  await fs.rename(temporary, manifest);
  return removed;
}
