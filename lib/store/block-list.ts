import type { StoreBackend } from "./backend.ts";
import { BLOCKS_PREFIX, type BlockKind, blockKey, namedBlockKey, partsOfBlockKey } from "./keys.ts";

/** One stored block: until when (ISO 8601 UTC), who set it and when. */
export interface BlockEntry {
  until: string;
  by: string | null;
  createdAt: string;
}

/** A block as listed: what it names (a client hash, or an email's hash: emails are never stored). */
export interface ListedBlock extends BlockEntry {
  kind: BlockKind;
  name: string;
}

/**
 * Clients (by salted hash) and emails that editors blocked for a period. Intake treats a blocked
 * submission like the honeypot: accepted in the answer, kept only as a spam count.
 */
export class BlockList {
  private readonly backend: StoreBackend;

  constructor(backend: StoreBackend) {
    this.backend = backend;
  }

  /** Blocks `value` (a client hash, or an email) until `until`, replacing any earlier block of it. */
  async add(kind: BlockKind, value: string, until: Date, by: string | null, now: Date): Promise<void> {
    const entry: BlockEntry = { until: until.toISOString(), by, createdAt: now.toISOString() };
    await this.backend.put(blockKey(kind, value), entry);
  }

  /** Lifts the block of `value`; false when there was none. */
  async remove(kind: BlockKind, value: string): Promise<boolean> {
    const key = blockKey(kind, value);
    if ((await this.backend.getText(key)) === null) return false;
    await this.backend.delete(key);
    return true;
  }

  /** Lifts a block as `list` names it (an email's block is named by its hash); false when there was none. */
  async removeListed(kind: BlockKind, name: string): Promise<boolean> {
    const key = namedBlockKey(kind, name);
    if (key === null || (await this.backend.getText(key)) === null) return false;
    await this.backend.delete(key);
    return true;
  }

  /** The block in force at `now` on this client or this email, or null (expired blocks do not count). */
  async find(clientHash: string | null, email: string | null, now: Date): Promise<(BlockEntry & { kind: BlockKind }) | null> {
    const wanted: [BlockKind, string][] = [];
    if (clientHash) wanted.push(["client", clientHash]);
    if (email) wanted.push(["email", email]);
    for (const [kind, value] of wanted) {
      const entry = await this.backend.get<BlockEntry>(blockKey(kind, value)).catch(() => null);
      if (entry && Date.parse(entry.until) > now.getTime()) return { ...entry, kind };
    }
    return null;
  }

  /** Every block still in force at `now`, soonest to end first. */
  async list(now: Date): Promise<ListedBlock[]> {
    const blocks: ListedBlock[] = [];
    for (const key of await this.backend.list(BLOCKS_PREFIX)) {
      const entry = await this.backend.get<BlockEntry>(key).catch(() => null);
      if (entry && Date.parse(entry.until) > now.getTime()) blocks.push({ ...entry, ...partsOfBlockKey(key) });
    }
    return blocks.sort((a, b) => a.until.localeCompare(b.until));
  }
}
