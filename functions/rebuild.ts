import { checkForRebuild } from "../lib/comments/index.ts";
import { readRebuildDeps } from "../lib/http/index.ts";
import { createLog } from "../lib/log.ts";

const log = createLog("rebuild");

// Scheduled in netlify.toml ([functions."rebuild"] schedule, every 15 minutes by default).
/** The batch rebuild: asks Netlify for a build only when approved comments or embargoes changed. */
export default async () => {
  try {
    const { store, hookUrl } = readRebuildDeps(process.env);
    const now = new Date();
    await store.pruneExpired(now);
    const decision = await checkForRebuild(store.rebuild, hookUrl, now);
    log.event(decision.triggered ? "rebuild.triggered" : "rebuild.skipped", { reason: decision.reason });
  } catch (error) {
    log.event("rebuild.failed", { message: (error as Error).message }, "err");
    return new Response(null, { status: 500 });
  }
  return new Response(null, { status: 204 });
};
