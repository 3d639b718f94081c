import { checkForRebuild, sendModerationDigest } from "../lib/comments/index.ts";
import { readDigestDeps, readRebuildDeps } from "../lib/http/index.ts";
import { createLog } from "../lib/log.ts";
import type { CommentStore } from "../lib/store/index.ts";

const log = createLog("rebuild");

async function rebuildIfNeeded(store: CommentStore, hookUrl: string | undefined, now: Date): Promise<boolean> {
  try {
    await store.pruneExpired(now);
    const decision = await checkForRebuild(store.rebuild, hookUrl, now);
    log.event(decision.triggered ? "rebuild.triggered" : "rebuild.skipped", { reason: decision.reason });
    return true;
  } catch (error) {
    log.event("rebuild.failed", { message: (error as Error).message }, "err");
    return false;
  }
}

// The digest never throws and its failures are only logged: it cannot block or fail the rebuild.
async function alertEditors(store: CommentStore, now: Date): Promise<void> {
  try {
    const deps = readDigestDeps(process.env);
    if (!deps) return;
    const outcome = await sendModerationDigest(store, deps, now);
    if (outcome.kind === "skipped") log.event("alerts.skipped", { reason: outcome.reason });
  } catch (error) {
    log.event("alerts.failed", { message: (error as Error).message }, "err");
  }
}

// Scheduled in netlify.toml ([functions."rebuild"] schedule, every 15 minutes by default).
/**
 * The batch rebuild: asks Netlify for a build only when approved comments or embargoes changed;
 * beside it, one digest to editors (MODERATION_WEBHOOK_URL) when new comments are waiting.
 */
export default async () => {
  let deps;
  try {
    deps = readRebuildDeps(process.env);
  } catch (error) {
    log.event("rebuild.failed", { message: (error as Error).message }, "err");
    return new Response(null, { status: 500 });
  }
  const now = new Date();
  const [rebuilt] = await Promise.all([rebuildIfNeeded(deps.store, deps.hookUrl, now), alertEditors(deps.store, now)]);
  return new Response(null, { status: rebuilt ? 204 : 500 });
};
