import type { StoreBackend } from "./backend.ts";
import { rateWindowPrefix } from "./keys.ts";

/** A claimed slot's key, or the seconds until the client's window ends. */
export type RateClaim = { ok: true; key: string } | { ok: false; retryAfter: number };

/**
 * Claims one of a client's `max` slots in the fixed window around `now`
 * (`rate/<client>/<window end>/<n>`): one listing of that window, then a create-only write of the
 * first free slot. A claim costs the same store operations however full the window is; only a
 * write that loses a race to another request goes on to the next free slot, so racing requests
 * can never both take the last one.
 */
export async function claimFreeSlot(backend: StoreBackend, clientHash: string, now: Date, limit: { max: number; windowMs: number }): Promise<RateClaim> {
  const windowEnd = (Math.floor(now.getTime() / limit.windowMs) + 1) * limit.windowMs;
  const prefix = rateWindowPrefix(clientHash, windowEnd);
  const taken = new Set((await backend.list(prefix)).map((key) => key.slice(prefix.length)));
  for (let slot = 0; slot < limit.max; slot++) {
    if (taken.has(String(slot))) continue;
    if (await backend.create(`${prefix}${slot}`, {})) return { ok: true, key: `${prefix}${slot}` };
  }
  return { ok: false, retryAfter: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) };
}
