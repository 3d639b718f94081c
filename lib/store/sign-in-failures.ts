import { randomBytes } from "node:crypto";
import { createSortableId, getIdTime } from "../core/ids.ts";
import type { StoreBackend } from "./backend.ts";
import { idOfTimedKey, signInFailureKey, signInFailurePrefix } from "./keys.ts";

/** Records one failed moderation sign-in from `client` (a salted address hash) at `now`. */
export async function recordSignInFailure(backend: StoreBackend, client: string, now: Date): Promise<void> {
  await backend.create(signInFailureKey(client, createSortableId(now, randomBytes(10))), {});
}

/** How many sign-ins from `client` failed in the `windowMs` before `now`. */
export async function countSignInFailures(backend: StoreBackend, client: string, now: Date, windowMs: number): Promise<number> {
  const keys = await backend.list(signInFailurePrefix(client));
  return keys.filter((key) => now.getTime() - getIdTime(idOfTimedKey(key)).getTime() < windowMs).length;
}
