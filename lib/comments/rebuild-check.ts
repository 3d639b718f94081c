import { ConfigError } from "../core/errors.ts";
import { createLog } from "../log.ts";
import type { RebuildState } from "../store/index.ts";

const log = createLog("rebuild");

/** What one scheduled check decided. */
export interface RebuildDecision {
  triggered: boolean;
  reason: string;
}

// A requested build that has not recorded itself within this time is asked for again.
const REQUEST_PATIENCE_MS = 60 * 60_000;

/**
 * The batch rebuild: calls the build hook only when the pages are out of date: a comment was
 * approved, rejected or deleted since the last recorded build, or an embargoed article is due, or
 * a front-page pin (`featuredUntil`) ended: the build marker's `nextEmbargo` holds the earlier of both.
 * Nothing changed, no build. A request is not repeated while its build may still be running.
 */
export async function checkForRebuild(
  state: RebuildState,
  hookUrl: string | undefined,
  now: Date,
  fetchImpl: typeof fetch = fetch,
): Promise<RebuildDecision> {
  const [marker, changes, request] = await Promise.all([state.getBuildMarker(), state.listChanges(), state.getRebuildRequest()]);
  const newest = changes.at(-1) ?? null;
  log.debug("last build %s, %d change note(s), last request %s", marker?.builtAt ?? "none", changes.length, request?.at ?? "none");
  let reason: string | null = null;
  if (!marker) reason = "no build has been recorded yet";
  else if (newest && (!marker.lastChange || newest > marker.lastChange)) {
    const count = changes.filter((key) => !marker.lastChange || key > marker.lastChange).length;
    reason = `${count} comment decision(s) since the last build`;
  } else if (marker.nextEmbargo && Date.parse(marker.nextEmbargo) <= now.getTime()) {
    reason = `an embargoed article or the end of a front-page pin fell due at ${marker.nextEmbargo}`;
  }
  if (marker?.lastChange) await state.pruneChangesBefore(marker.lastChange, changes);
  if (!reason) return { triggered: false, reason: "nothing changed since the last build" };
  if (
    request &&
    request.lastChange === newest &&
    request.reason === reason &&
    now.getTime() - Date.parse(request.at) < REQUEST_PATIENCE_MS
  ) {
    return { triggered: false, reason: `a build was already requested at ${request.at} (${reason})` };
  }
  if (!hookUrl)
    throw new ConfigError(
      `a rebuild is needed (${reason}) but BUILD_HOOK_URL is not set: create a build hook in Netlify (Site configuration → Build hooks) and add its URL as BUILD_HOOK_URL`,
    );
  const url = new URL(hookUrl);
  url.searchParams.set("trigger_title", `bantin: ${reason}`);
  const response = await fetchImpl(url, { method: "POST" });
  if (!response.ok) throw new ConfigError(`the build hook answered HTTP ${response.status}; check BUILD_HOOK_URL`);
  await state.putRebuildRequest({ at: now.toISOString(), lastChange: newest, reason });
  return { triggered: true, reason };
}
