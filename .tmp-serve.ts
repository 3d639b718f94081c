import fs from "node:fs";
import { Session } from "node:inspector/promises";
import { createSiteLoader, readBuildOptions } from "./lib/build/index.ts";
const options = { ...readBuildOptions(), watching: true };
const site = createSiteLoader(options);
const out = "/dev/shm/b16/site";
await site.load(); await site.publish(out);
await new Promise((r) => setTimeout(r, 3000));
const session = new Session(); session.connect();
await session.post("Profiler.enable"); await session.post("Profiler.start");
for (let n = 0; n < 2; n++) {
  fs.appendFileSync("/dev/shm/c16k/articles/bai-viet-5000.md", `\nCâu ${n}.\n`);
  const t = performance.now();
  await site.load(); await site.publish(out);
  console.error("save", n, ((performance.now() - t) / 1000).toFixed(2));
}
const { profile } = await session.post("Profiler.stop");
fs.writeFileSync("/tmp/serve.cpuprofile", JSON.stringify(profile));
await new Promise((r) => setTimeout(r, 4000));
process.exit(0);
