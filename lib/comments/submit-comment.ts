import { randomBytes } from "node:crypto";
import type { CommentManifest } from "../core/catalog.ts";
import type { CommentRecord, CommentStatus } from "../core/comment-record.ts";
import {
  checkSubmission,
  cleanEmail,
  getDuplicateKey,
  type CommentField,
  type CommentFields,
  type CommentTarget,
} from "../core/comment-rules.ts";
import { checkReplyParent } from "../core/comment-thread.ts";
import { createSortableId } from "../core/ids.ts";
import type { Locale } from "../core/locales/index.ts";
import { EMPTY_WORD_LIST, findListedWords, type WordList } from "../core/word-list.ts";
import type { CommentStore } from "../store/index.ts";
import { hashClient } from "./client-hash.ts";

/** One line per event; never given an email, a name, a text or an IP. */
export type EventLog = (event: string, details: Record<string, string | number>) => void;

/** What submitting a comment depends on, all read and set up already. */
export interface SubmitDeps {
  store: CommentStore;
  manifest: CommentManifest;
  /** The site's language: the reasons of an `invalid` outcome are written in it. */
  locale: Locale;
  /** Secret mixed into client hashes, so stored hashes cannot be matched to IP addresses. */
  salt: string;
  rateLimit: { max: number; windowMs: number };
  /** Publish at once when the email had a comment approved before (off by default). */
  autoApproveReturning: boolean;
  /** The newsroom's word list (content/moderation.json): a match holds the comment, flagged. Empty when absent. */
  wordList?: WordList;
  log: EventLog;
}

type Errors = Partial<Record<CommentField, string>>;

/**
 * What became of a submission. `spam` is answered like `accepted` (a bot learns nothing);
 * `unavailable` means the store failed and nothing was left behind: the reader may retry.
 */
export type SubmitOutcome =
  | { kind: "accepted"; id: string; status: CommentStatus; target: CommentTarget }
  | { kind: "duplicate"; id: string; target: CommentTarget }
  | { kind: "spam"; id: string; target: CommentTarget | null }
  | { kind: "invalid"; errors: Errors; fields: Partial<CommentFields>; target: CommentTarget | null }
  | { kind: "rateLimited"; retryAfter: number; fields: CommentFields; target: CommentTarget }
  | { kind: "unavailable"; retryAfter: number; fields: Partial<CommentFields>; target: CommentTarget | null };

/**
 * Submits a reader's comment from fields already read: checks them against the rules and the
 * manifest (a blocked client or email is treated like the honeypot), checks a reply's parent,
 * counts the client against the rate limit and stores a valid comment as pending (or approved,
 * for a returning reader when that rule is on and no listed word is found: a listed word leaves
 * it pending with `flags`). Never throws for a store failure.
 */
export async function submitComment(raw: Record<string, string>, ip: string | null, now: Date, deps: SubmitDeps): Promise<SubmitOutcome> {
  const { manifest, log } = deps;
  const findTarget = (slug: string) => (Object.hasOwn(manifest.articles, slug) ? manifest.articles[slug]! : null);
  const check = checkSubmission(raw, findTarget, deps.locale);
  const id = createSortableId(now, randomBytes(10));
  const clientHash = hashClient(ip, deps.salt);
  // A blocked client or email is answered exactly like the honeypot, valid fields or not, so it
  // cannot tell it was blocked. A block that cannot be read does not stop a reader.
  const blocked =
    check.kind !== "spam" && (await deps.store.blocks.find(clientHash, cleanEmail(raw.email ?? "") || null, now).catch(() => null));
  if (check.kind === "spam" || blocked) {
    const reason = check.kind === "spam" ? check.reason : "blocked";
    await deps.store.recordSpam(id, reason, now).catch(() => undefined);
    log("comment.spam", { reason });
    return { kind: "spam", id, target: findTarget(raw.slug ?? "") };
  }
  if (check.kind === "invalid") {
    log("comment.invalid", { fields: Object.keys(check.errors).join(",") });
    return { kind: "invalid", errors: check.errors, fields: check.fields, target: check.target };
  }
  const { fields, target } = check;
  try {
    if (fields.replyTo) {
      const refusal = checkReplyParent(await deps.store.get(fields.replyTo), fields.slug, deps.locale);
      if (refusal) {
        log("comment.invalid", { fields: "replyTo" });
        // Without replyTo, the problem page's form sends the reader's text as a comment of its own.
        const { replyTo: _, ...kept } = fields;
        return { kind: "invalid", errors: { form: refusal }, fields: kept, target };
      }
    }
    return await store(fields, target, id, clientHash, now, deps);
  } catch (error) {
    log("comment.store_error", { slug: fields.slug, message: (error as Error).message });
    return { kind: "unavailable", retryAfter: 30, fields, target };
  }
}

async function store(
  fields: CommentFields,
  target: CommentTarget,
  id: string,
  clientHash: string | null,
  now: Date,
  deps: SubmitDeps,
): Promise<SubmitOutcome> {
  const { store, log } = deps;
  const flags = findListedWords(deps.wordList ?? EMPTY_WORD_LIST, [fields.name, fields.content]);
  // A comment with a listed word always waits for an editor, even from a trusted reader.
  const trusted = flags.length === 0 && deps.autoApproveReturning && (await store.trust.isTrusted(fields.email));
  const record: CommentRecord = trusted
    ? {
        id,
        ...fields,
        status: "approved",
        createdAt: now.toISOString(),
        clientHash,
        decidedAt: now.toISOString(),
        decidedBy: "auto: returning reader",
      }
    : {
        id,
        ...fields,
        status: "pending",
        createdAt: now.toISOString(),
        clientHash,
        decidedAt: null,
        decidedBy: null,
        ...(flags.length > 0 ? { flags } : {}),
      };
  const duplicateKey = getDuplicateKey(fields);
  // The rate-limit slot and the write go out together (one round trip less); whichever way
  // they end, a refused or failed submission leaves neither a record nor a used slot behind.
  const [slot, submitted] = await Promise.allSettled([
    clientHash ? store.claimRateSlot(clientHash, now, deps.rateLimit) : Promise.resolve(null),
    store.submit(record, duplicateKey),
  ]);
  const slotKey = slot.status === "fulfilled" && slot.value?.ok ? slot.value.key : null;
  const stored = submitted.status === "fulfilled" && submitted.value.stored;
  if (slot.status === "rejected" || submitted.status === "rejected") {
    if (slotKey) await store.releaseRateSlot(slotKey).catch(() => undefined);
    if (stored) await store.delete(record, duplicateKey).catch(() => undefined);
    throw slot.status === "rejected" ? slot.reason : (submitted as PromiseRejectedResult).reason;
  }
  const result = submitted.value;
  if (slot.value && !slot.value.ok) {
    if (stored) await store.delete(record, duplicateKey);
    log("comment.rate_limited", { slug: fields.slug });
    return { kind: "rateLimited", retryAfter: slot.value.retryAfter, fields, target };
  }
  if (!result.stored && slotKey) await store.releaseRateSlot(slotKey);
  if (result.stored && trusted) await store.rebuild.noteChange({ kind: "approved", id, slug: fields.slug, by: record.decidedBy }, now);
  const storedId = result.stored ? result.id : result.duplicateOf;
  log(result.stored ? "comment.accepted" : "comment.duplicate", { id: storedId, slug: fields.slug, flags: flags.length });
  return result.stored ? { kind: "accepted", id: storedId, status: record.status, target } : { kind: "duplicate", id: storedId, target };
}
