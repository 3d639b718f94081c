import type { StoreBackend } from "./backend.ts";
import { spamKey, spamPrefix } from "./keys.ts";

/** Counts a refused spam attempt at `now`: its reason only, never its content. */
export async function recordSpam(backend: StoreBackend, id: string, reason: string, now: Date): Promise<void> {
  await backend.create(spamKey(now.toISOString().slice(0, 10), id), { reason });
}

/** Spam attempts counted on a day (`YYYY-MM-DD`), or on all days. */
export async function countSpam(backend: StoreBackend, day?: string): Promise<number> {
  return (await backend.list(spamPrefix(day))).length;
}
