const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID-style id: 10 characters of milliseconds then 16 of randomness, in Crockford base 32, so
 * ids sort by time as plain strings. `random` must hold at least 10 bytes (pure: the caller brings
 * the clock and the randomness).
 */
export function createSortableId(now: Date, random: Uint8Array): string {
  let time = now.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = "";
  let bits = 0;
  let value = 0;
  for (const byte of random.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      tail += CROCKFORD[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return head + tail;
}

/** True when `id` has the shape `createSortableId` makes. */
export function isSortableId(id: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id);
}

/** The instant encoded in a sortable id. */
export function getIdTime(id: string): Date {
  let time = 0;
  for (const ch of id.slice(0, 10)) time = time * 32 + CROCKFORD.indexOf(ch);
  return new Date(time);
}
