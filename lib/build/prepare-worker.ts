// A thread for lib/build/prepare-articles.ts: prepares its share of the article files and posts them back.
import { parentPort, workerData } from "node:worker_threads";
import type { SiteConfig } from "../core/site-config.ts";
import type { ParseCacheHandle } from "./parse-cache.ts";
import { prepareFiles } from "./prepare-articles.ts";

const { files, root, config, cache, share } = workerData as {
  files: string[];
  root: string;
  config: SiteConfig;
  cache: ParseCacheHandle | null;
  share: number;
};
parentPort!.postMessage(prepareFiles(files, root, config, cache, null, share));
