import { openCommentStore } from "../lib/store/index.ts";
import { checkForRebuild } from "../lib/comments/rebuild-check.ts";

// Scheduled in netlify.toml ([functions."rebuild"] schedule, every 15 minutes by default).
/** The batch rebuild: asks Netlify for a build only when approved comments or embargoes changed. */
export default async () => {
  try {
    const store = openCommentStore();
    const now = new Date();
    await store.pruneExpired(now);
    const decision = await checkForRebuild(store.rebuild, process.env.BUILD_HOOK_URL, now);
    console.log(JSON.stringify({ event: decision.triggered ? "rebuild.triggered" : "rebuild.skipped", reason: decision.reason }));
  } catch (error) {
    console.error(JSON.stringify({ event: "rebuild.failed", message: (error as Error).message }));
    return new Response(null, { status: 500 });
  }
  return new Response(null, { status: 204 });
};
