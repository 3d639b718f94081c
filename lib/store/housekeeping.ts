import { getIdTime } from "../core/ids.ts";
import { LEFTOVER_AGE_MS, type StoreBackend } from "./backend.ts";
import { idOfTimedKey, RATE_PREFIX, SIGN_IN_FAILURE_PREFIX, spamPrefix, windowEndOfRateKey } from "./keys.ts";

const DAY_MS = 86_400_000;

/**
 * Removes rate-limit slots of ended windows, failed sign-ins older than a day, spam counts older
 * than 30 days, and temporary files that killed writers left more than an hour ago. Returns how
 * many went (the scheduled function runs it as `CommentStore.pruneExpired`).
 */
export async function pruneExpiredKeys(backend: StoreBackend, now: Date): Promise<number> {
  const idAge = (key: string) => now.getTime() - getIdTime(idOfTimedKey(key)).getTime();
  const [rate, failures, spam] = await Promise.all(
    [RATE_PREFIX, SIGN_IN_FAILURE_PREFIX, spamPrefix()].map((prefix) => backend.list(prefix)),
  );
  const expired = [
    ...rate!.filter((key) => windowEndOfRateKey(key) <= now.getTime()),
    ...failures!.filter((key) => idAge(key) > DAY_MS),
    ...spam!.filter((key) => idAge(key) > 30 * DAY_MS),
  ];
  await Promise.all(expired.map((key) => backend.delete(key)));
  const leftovers = await backend.sweepLeftovers(new Date(now.getTime() - LEFTOVER_AGE_MS), true);
  return expired.length + leftovers.length;
}
