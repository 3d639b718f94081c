import { LOCALES, type Locale } from "../core/locales/index.ts";
import { submitComment, type EventLog } from "../comments/index.ts";
import type { CommentStore } from "../store/index.ts";
import { createLog } from "../log.ts";
import type { ManifestSource } from "./comment-manifest.ts";
import type { WordListSource } from "./content-files.ts";
import { answerComment, readLocale, refuseComment } from "./comment-response.ts";
import { readRequestFields, readRequestKind } from "./request-fields.ts";
import { jsonResponse as json } from "./responses.ts";

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
  /** The newsroom's word list (content/moderation.json); none when absent. */
  wordList?: WordListSource;
  /** One line per event; never given an email, a name, a text or an IP. */
  log?: EventLog;
}

const BODY_LIMIT = 32 * 1024;
const DEFAULT_RATE = { max: 5, windowMs: 10 * 60_000 };
const intakeLog = createLog("intake");
const logEvent: EventLog = (event, details) => intakeLog.event(event, details);

async function readManifestLocale(request: Request, manifest?: ManifestSource): Promise<Locale> {
  return readLocale(
    (await manifest?.(request.url).then(
      (found) => found.language,
      () => "vi",
    )) ?? "vi",
  );
}

/**
 * The answer to a request not worth reading: 405 for a method other than POST, 415 for a body that
 * is neither a form nor JSON in UTF-8; null otherwise. It depends on nothing that can fail (a
 * missing salt, store or manifest): the manifest, when it can be read, only picks the language.
 */
export async function refuseUnfitRequest(request: Request, manifest?: ManifestSource): Promise<Response | null> {
  const kind = readRequestKind(request);
  if (request.method === "POST" && kind.supported) return null;
  const locale = await readManifestLocale(request, manifest);
  const messages = locale.comments.errors;
  if (request.method !== "POST") return json(405, { error: messages.method, fields: {} }, { allow: "POST" });
  return refuseComment(kind.format, 415, locale, { form: messages.unsupportedType });
}

/**
 * The answer when the set-up fails (a setting, the store, the manifest): a fit request gets a 503
 * with Retry-After and the localised "not available" message; the reason goes to the log only.
 */
export async function refuseForSetup(request: Request, error: unknown, manifest?: ManifestSource): Promise<Response> {
  const unfit = await refuseUnfitRequest(request, manifest);
  if (unfit) return unfit;
  intakeLog.event("comment.setup_error", { message: (error as Error).message }, "err");
  // When the manifest cannot be read either, the answer is in Vietnamese, the default language.
  const locale = await readManifestLocale(request, manifest);
  return answerComment({ kind: "unavailable", retryAfter: 60, fields: {}, target: null }, "json", locale);
}

/**
 * Handles one POST to /api/comments, as a plain HTML form or as JSON: checks the method and type
 * (before anything that can fail), reads the body, hands the fields to submitComment and answers
 * its outcome. Never a 500: bad input is a 4xx in the site's language, a failure a 503.
 */
export async function handleCommentRequest(request: Request, ip: string | null, deps: IntakeDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const log = deps.log ?? logEvent;
  const unfit = await refuseUnfitRequest(request, deps.manifest);
  if (unfit) {
    log("comment.refused", { status: unfit.status });
    return unfit;
  }
  let locale: Locale = LOCALES.vi;
  let manifest;
  let salt: string;
  let wordList;
  try {
    salt = typeof deps.salt === "function" ? deps.salt() : deps.salt;
    manifest = await deps.manifest(request.url);
    locale = readLocale(manifest.language);
    // A broken word list stops intake (503, logged) rather than let listed words through unseen.
    wordList = await deps.wordList?.();
  } catch (error) {
    // Any failure here is the set-up's, not the reader's (a test's salt may throw a plain Error).
    log("comment.setup_error", { message: (error as Error).message });
    return answerComment({ kind: "unavailable", retryAfter: 60, fields: {}, target: null }, "json", locale);
  }
  const messages = locale.comments.errors;
  const read = await readRequestFields(request, BODY_LIMIT);
  if (read.kind === "error") {
    const status = { "unsupported-type": 415, "too-large": 413, malformed: 400 }[read.reason];
    const message = { "unsupported-type": messages.unsupportedType, "too-large": messages.tooLarge, malformed: messages.malformed }[
      read.reason
    ];
    log("comment.refused", { status });
    return refuseComment(read.format, status, locale, { form: message });
  }
  const outcome = await submitComment(read.fields, ip, now, {
    store: deps.store,
    manifest,
    locale,
    salt,
    rateLimit: deps.rateLimit ?? DEFAULT_RATE,
    autoApproveReturning: deps.autoApproveReturning === true,
    wordList,
    log,
  });
  intakeLog.debug("outcome %s", outcome.kind);
  return answerComment(outcome, read.format, locale);
}
