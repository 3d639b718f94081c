import type { StoreBackend } from "./backend.ts";
import { rateWindowPrefix } from "./keys.ts";

/** A claimed slot's key, or the seconds until the client's window ends. */
export type RateClaim = { ok: true; key: string } | { ok: false; retryAfter: number };

/**
 * Claims one of a client's `max` slots in the fixed window around `now`
 * (`rate/<client>/<window end>/<n>`): a create-only write of slot 0; if that is taken, one listing
 * of the window and a create-only write of the first free slot. A claim costs at most those three
 * store operations however full the window is; only a write that loses a race to another request
 * goes on to the next free slot, so racing requests can never both take the last one.
 */
export async function claimFreeSlot(
  backend: StoreBackend,
  clientHash: string,
  now: Date,
  limit: { max: number; windowMs: number },
): Promise<RateClaim> {
  const windowEnd = (Math.floor(now.getTime() / limit.windowMs) + 1) * limit.windowMs;
  const prefix = rateWindowPrefix(clientHash, windowEnd);
  // Most claims are a client's first in its window: slot 0 is tried before any listing, because a
  // listing costs the store more than a write (on the local Blobs server it reads every key).
  if (await backend.create(`${prefix}0`, {})) return { ok: true, key: `${prefix}0` };
  const taken = new Set((await backend.list(prefix)).map((key) => key.slice(prefix.length)));
  taken.add("0");
  for (let slot = 1; slot < limit.max; slot++) {
    if (taken.has(String(slot))) continue;
    if (await backend.create(`${prefix}${slot}`, {})) return { ok: true, key: `${prefix}${slot}` };
  }
  return { ok: false, retryAfter: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) };
}

// One client's claims are taken one after another in this process. Why: Netlify Blobs makes
// onlyIfNew atomic, but its local emulator checks then writes, so racing claims in one process
// could both win there. Module-level, because a function opens a store per request.
const claims = new Map<string, Promise<unknown>>();

/** Like claimFreeSlot, but waits for this process's earlier claims of the same client. */
export function claimSlotInTurn(
  backend: StoreBackend,
  clientHash: string,
  now: Date,
  limit: { max: number; windowMs: number },
): Promise<RateClaim> {
  const previous = claims.get(clientHash) ?? Promise.resolve();
  const claim = previous.then(() => claimFreeSlot(backend, clientHash, now, limit));
  const settled = claim.catch(() => undefined);
  claims.set(clientHash, settled);
  void settled.then(() => {
    if (claims.get(clientHash) === settled) claims.delete(clientHash);
  });
  return claim;
}
