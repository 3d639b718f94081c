import { readBuildOptions } from "../../lib/build-options.ts";
import { createSiteLoader } from "../../lib/load-site.ts";
const t = performance.now();
const site = createSiteLoader(readBuildOptions());
await site.load();
console.log("load ms", performance.now() - t);
