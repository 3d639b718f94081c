import { createHmac } from "node:crypto";

/** Salted hash of the client's address: enough to count its comments, never the address itself. */
export function hashClient(ip: string | null, salt: string): string | null {
  return ip ? createHmac("sha256", salt).update(ip).digest("hex").slice(0, 32) : null;
}
