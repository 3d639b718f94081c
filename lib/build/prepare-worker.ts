// A thread for lib/build/prepare-articles.ts: prepares its share of the article files and posts
// them back, each body as where it is in the thread's pack when the pack was written.
import { parentPort, workerData } from "node:worker_threads";
import type { SiteConfig } from "../core/site-config.ts";
import { detachBodies } from "./pack-bodies.ts";
import type { ParseCacheHandle } from "./parse-cache.ts";
import { listPreparedArticles, prepareFiles, type PostedShare } from "./prepare-articles.ts";

const { files, root, config, cache, share } = workerData as {
  files: string[];
  root: string;
  config: SiteConfig;
  cache: ParseCacheHandle | null;
  share: number;
};
const prepared = prepareFiles(files, root, config, cache, null, share);
const posted: PostedShare = { prepared, bodies: detachBodies(listPreparedArticles(prepared)) };
parentPort!.postMessage(posted);
