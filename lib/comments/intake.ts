import { createHmac, randomBytes } from "node:crypto";
import { renderCommentProblemPage } from "../core/comment-page.ts";
import type { CommentRecord } from "../core/comment-record.ts";
import { checkSubmission, getDuplicateKey, type CommentField, type CommentFields } from "../core/comment-rules.ts";
import { createSortableId } from "../core/ids.ts";
import { fillPattern, getLocale, LOCALES, type LanguageCode, type Locale } from "../core/locales/index.ts";
import type { CommentStore } from "../store/index.ts";
import type { ManifestSource } from "../http/comment-manifest.ts";
import { readRequestFields, readRequestKind, type RequestKind } from "../http/request-fields.ts";
import { htmlResponse as html, jsonResponse as json, redirectResponse as redirect } from "../http/responses.ts";

/** What the comment function depends on; tests pass their own clock, store and manifest. */
export interface IntakeDeps {
  store: CommentStore;
  manifest: ManifestSource;
  /** Secret mixed into client hashes, so stored hashes cannot be matched to IP addresses. */
  salt: string | (() => string);
  now?: () => Date;
  rateLimit?: { max: number; windowMs: number };
  /** Optional rule, off by default: publish at once when the email had a comment approved before. */
  autoApproveReturning?: boolean;
  /** One line per event; never given an email, a name, a text or an IP. */
  log?: (event: string, details: Record<string, string | number>) => void;
}

/** Where a successful form post sends the reader: the article, scrolled to the notice. */
export const SENT_FRAGMENT = "?binh-luan=da-gui#binh-luan-da-gui";
const BODY_LIMIT = 32 * 1024;
const DEFAULT_RATE = { max: 5, windowMs: 10 * 60_000 };

/** Salted hash of the client's address: enough to count its comments, never the address itself. */
export function hashClient(ip: string | null, salt: string): string | null {
  return ip ? createHmac("sha256", salt).update(ip).digest("hex").slice(0, 32) : null;
}

function refuse(kind: RequestKind, status: number, locale: Locale, errors: Partial<Record<CommentField, string>>, fields: Partial<CommentFields>, articleUrl: string | null, headers: Record<string, string> = {}) {
  if (kind === "json") {
    const { form, ...byField } = errors;
    return json(status, { error: form ?? Object.values(byField)[0] ?? "", fields: byField }, headers);
  }
  return html(status, renderCommentProblemPage({ locale, errors, fields, articleUrl }), headers);
}

function readLocale(language: string): Locale {
  return getLocale((language in LOCALES ? language : "vi") as LanguageCode);
}

/**
 * The answer to a request not worth reading: 405 for a method other than POST, 415 for a body that
 * is neither a form nor JSON in UTF-8; null otherwise. It depends on nothing that can fail (a
 * missing salt, store or manifest): the manifest, when it can be read, only picks the language.
 */
export async function refuseUnfitRequest(request: Request, manifest?: ManifestSource): Promise<Response | null> {
  const kind = readRequestKind(request);
  if (request.method === "POST" && kind.supported) return null;
  const locale = readLocale((await manifest?.(request.url).then((found) => found.language, () => "vi")) ?? "vi");
  const messages = locale.comments.errors;
  if (request.method !== "POST") return json(405, { error: messages.method, fields: {} }, { allow: "POST" });
  return refuse(kind.format, 415, locale, { form: messages.unsupportedType }, {}, null);
}

/**
 * Handles one POST to /api/comments, as a plain HTML form or as JSON. A valid comment is stored as
 * pending (never published here); the answer is a 303 back to the article, or 201 with its id.
 * Bad input gets a 4xx with reasons in the site's language, a store failure a 503; never a 500.
 */
export async function handleCommentRequest(request: Request, ip: string | null, deps: IntakeDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const log = deps.log ?? ((event, details) => console.log(JSON.stringify({ event, ...details })));
  const unfit = await refuseUnfitRequest(request, deps.manifest);
  if (unfit) {
    log("comment.refused", { status: unfit.status });
    return unfit;
  }
  let locale: Locale = LOCALES.vi;
  let manifest;
  let salt: string;
  try {
    salt = typeof deps.salt === "function" ? deps.salt() : deps.salt;
    manifest = await deps.manifest(request.url);
    locale = readLocale(manifest.language);
  } catch (error) {
    log("comment.setup_error", { message: (error as Error).message });
    return json(503, { error: locale.comments.errors.unavailable, fields: {} }, { "retry-after": "60" });
  }
  const messages = locale.comments.errors;

  const read = await readRequestFields(request, BODY_LIMIT);
  if (read.kind === "error") {
    const status = { "unsupported-type": 415, "too-large": 413, malformed: 400 }[read.reason];
    const message = { "unsupported-type": messages.unsupportedType, "too-large": messages.tooLarge, malformed: messages.malformed }[read.reason];
    log("comment.refused", { status });
    return refuse(read.format, status, locale, { form: message }, {}, null);
  }
  const { format, fields: raw } = read;
  const findTarget = (slug: string) => (Object.hasOwn(manifest.articles, slug) ? manifest.articles[slug]! : null);
  const check = checkSubmission(raw, findTarget, locale);
  const id = createSortableId(now, randomBytes(10));

  if (check.kind === "spam") {
    await deps.store.recordSpam(id, check.reason, now).catch(() => undefined);
    log("comment.spam", { reason: check.reason });
    const target = findTarget(raw.slug ?? "");
    return format === "json" ? json(201, { id, status: "pending" }) : redirect(target ? `${target.url}${SENT_FRAGMENT}` : "/");
  }
  if (check.kind === "invalid") {
    log("comment.invalid", { fields: Object.keys(check.errors).join(",") });
    return refuse(format, check.errors.slug && !check.target ? 404 : 400, locale, check.errors, check.fields, check.target?.url ?? null);
  }

  const { fields, target } = check;
  const clientHash = hashClient(ip, salt);
  const rate = deps.rateLimit ?? DEFAULT_RATE;
  try {
    const trusted = deps.autoApproveReturning === true && (await deps.store.trust.isTrusted(fields.email));
    const record: CommentRecord = trusted
      ? { id, ...fields, status: "approved", createdAt: now.toISOString(), clientHash, decidedAt: now.toISOString(), decidedBy: "auto: returning reader" }
      : { id, ...fields, status: "pending", createdAt: now.toISOString(), clientHash, decidedAt: null, decidedBy: null };
    const duplicateKey = getDuplicateKey(fields);
    // The rate-limit slot and the write go out together (one round trip less); whichever way
    // they end, a refused or failed submission leaves neither a record nor a used slot behind.
    const [slot, submitted] = await Promise.allSettled([
      clientHash ? deps.store.claimRateSlot(clientHash, now, rate) : Promise.resolve(null),
      deps.store.submit(record, duplicateKey),
    ]);
    const slotKey = slot.status === "fulfilled" && slot.value?.ok ? slot.value.key : null;
    const stored = submitted.status === "fulfilled" && submitted.value.stored;
    if (slot.status === "rejected" || submitted.status === "rejected") {
      if (slotKey) await deps.store.releaseRateSlot(slotKey).catch(() => undefined);
      if (stored) await deps.store.delete(record, duplicateKey).catch(() => undefined);
      throw slot.status === "rejected" ? slot.reason : (submitted as PromiseRejectedResult).reason;
    }
    const result = submitted.value;
    if (slot.value && !slot.value.ok) {
      if (stored) await deps.store.delete(record, duplicateKey);
      log("comment.rate_limited", { slug: fields.slug });
      const message = fillPattern(messages.rateLimited, { minutes: Math.ceil(slot.value.retryAfter / 60) });
      return refuse(format, 429, locale, { form: message }, fields, target.url, { "retry-after": String(slot.value.retryAfter) });
    }
    if (!result.stored && slotKey) await deps.store.releaseRateSlot(slotKey);
    if (result.stored && trusted) await deps.store.rebuild.noteChange({ kind: "approved", id, slug: fields.slug, by: record.decidedBy }, now);
    const storedId = result.stored ? result.id : result.duplicateOf;
    log(result.stored ? "comment.accepted" : "comment.duplicate", { id: storedId, slug: fields.slug });
    return format === "json" ? json(result.stored ? 201 : 200, { id: storedId, status: result.stored ? record.status : "pending" }) : redirect(`${target.url}${SENT_FRAGMENT}`);
  } catch (error) {
    log("comment.store_error", { slug: fields.slug, message: (error as Error).message });
    return refuse(format, 503, locale, { form: messages.unavailable }, fields, target.url, { "retry-after": "30" });
  }
}
