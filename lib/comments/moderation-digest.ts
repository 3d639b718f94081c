import type { Locale } from "../core/locales/index.ts";
import { composeDigest, type DigestSite } from "../core/moderation-digest.ts";
import { createLog } from "../log.ts";
import type { CommentStore } from "../store/index.ts";

const log = createLog("rebuild");

/** What sending the digest needs: the webhook, and the site as the functions read it. */
export interface DigestDeps {
  webhookUrl: string;
  /** The site's name, address, time zone and language (site.json); may fail, like any read. */
  readSite: () => Promise<DigestSite & { locale: Locale }>;
  /** How long the webhook may take (default 5 s). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** What one run did: sent, nothing to send, or failed (to be tried again next run). */
export type DigestOutcome = { kind: "sent"; waiting: number } | { kind: "skipped"; reason: string } | { kind: "failed"; reason: string };

/**
 * Tells editors, once per scheduled run, that comments are waiting: one JSON POST to the webhook
 * with the count, the oldest waiting time, how many are flagged and a link to /admin/. Nothing is
 * sent when nothing is waiting or no comment arrived since the last digest that got through. A
 * failure (an HTTP error, a timeout, no network, the store) is logged and leaves the marker
 * alone, so the next run tries again; it never throws.
 */
export async function sendModerationDigest(store: CommentStore, deps: DigestDeps, now: Date): Promise<DigestOutcome> {
  try {
    const pending = await store.listPending();
    if (pending.length === 0) return { kind: "skipped", reason: "no comment is waiting" };
    // Ids sort by time: the newest waiting comment tells whether anything arrived since the last digest.
    const newest = pending
      .map((record) => record.id)
      .sort()
      .at(-1)!;
    const last = await store.alerts.getLast();
    if (last && last.newest >= newest) return { kind: "skipped", reason: `no new comment since the digest of ${last.sentAt}` };
    const oldest = pending.reduce((min, record) => Math.min(min, Date.parse(record.createdAt)), Number.POSITIVE_INFINITY);
    const { locale, ...site } = await deps.readSite();
    const summary = { waiting: pending.length, oldest: new Date(oldest), flagged: pending.filter((record) => record.flags?.length).length };
    const response = await (deps.fetchImpl ?? fetch)(deps.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(composeDigest(summary, site, locale)),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) return fail(`the webhook answered HTTP ${response.status}`);
    await store.alerts.putLast({ sentAt: now.toISOString(), newest });
    log.event("alerts.sent", { waiting: summary.waiting, flagged: summary.flagged });
    return { kind: "sent", waiting: summary.waiting };
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? "the webhook did not answer in time" : (error as Error).message;
    return fail(reason);
  }
}

function fail(reason: string): DigestOutcome {
  log.event("alerts.failed", { reason: `${reason}; the digest is tried again next run (check MODERATION_WEBHOOK_URL)` }, "err");
  return { kind: "failed", reason };
}
