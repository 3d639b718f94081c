import type { StoreBackend } from "./backend.ts";
import { approvedEmailKey } from "./keys.ts";

/**
 * The emails that have an approved comment, for the optional auto-approval of returning readers
 * (INTAKE_AUTO_APPROVE_RETURNING). Only a hash of each email is stored.
 */
export class TrustList {
  private readonly backend: StoreBackend;

  constructor(backend: StoreBackend) {
    this.backend = backend;
  }

  /** Remembers that this email has an approved comment. */
  async remember(email: string): Promise<void> {
    await this.backend.put(approvedEmailKey(email), {});
  }

  /** Whether this email has had a comment approved (and not since rejected or erased). */
  async isTrusted(email: string): Promise<boolean> {
    return (await this.backend.getText(approvedEmailKey(email))) !== null;
  }

  /** Withdraws the trust (a rejection or an erase). */
  async forget(email: string): Promise<void> {
    await this.backend.delete(approvedEmailKey(email));
  }
}
