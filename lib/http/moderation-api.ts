import { createHash, timingSafeEqual } from "node:crypto";
import { COMMENT_STATUSES, type CommentStatus } from "../core/comment-record.ts";
import { StoreUnavailableError } from "../core/errors.ts";
import { isSlug } from "../core/slugs.ts";
import { DamagedValueError, type CommentStore } from "../store/index.ts";
import { decideComments, eraseComments, hashClient, type ModerationOutcome } from "../comments/index.ts";
import type { ManifestSource } from "./comment-manifest.ts";
import {
  answerBlocks,
  answerFromRequest,
  answerJson,
  blockFromRequest,
  decideInBulk,
  editFromRequest,
  answerFailure,
  isBulkVerb,
  presentRecord as present,
} from "./moderation-actions.ts";
import { isDeskTab, listDesk, readDeskSite } from "./moderation-desk.ts";

/** Editors' names and their bearer tokens. */
export type ModerationTokens = ReadonlyMap<string, string>;

/** What the moderation API depends on. */
export interface ModerationDeps {
  store: CommentStore;
  tokens: ModerationTokens;
  salt: string | (() => string);
  now?: () => Date;
  /** The build's comment manifest: article headlines, the site's zone, language and newsroom name. */
  manifest?: ManifestSource;
  /** Failed sign-ins allowed per client in the window before 429. */
  failureLimit?: { max: number; windowMs: number };
}

const BASE = "/api/moderation";
const DEFAULT_FAILURES = { max: 10, windowMs: 15 * 60_000 };
const digest = (text: string) => createHash("sha256").update(text).digest();

const json = answerJson;

/** The editor whose token this is, comparing every token in constant time; null when none. */
export function findEditor(header: string | null, tokens: ModerationTokens): string | null {
  const given = digest(header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "");
  let editor: string | null = null;
  for (const [name, token] of tokens) {
    if (timingSafeEqual(given, digest(token)) && editor === null) editor = name;
  }
  return editor;
}

const refuse = (outcome: Extract<ModerationOutcome, { ok: false }>) => answerFailure(outcome.failure, { error: outcome.reason });

/**
 * The moderation API behind a bearer token (README, "The moderation desk"):
 * - `GET /api/moderation/comments?tab=waiting|flagged|approved|rejected&status=&article=`: the desk's
 *   items (headline, site-zone date, marked flags, quoted parent) and the count of every tab;
 * - `POST …/comments/<id>/approve|reject`, `DELETE …/comments/<id>`: one decision, one erase;
 * - `POST …/comments/approve|reject|reopen` with `{"ids": [...]}`: several at once (reopen: undo);
 * - `PATCH …/comments/<id>` `{"content", "name"}`: edit; `POST …/comments/<id>/reply` `{"text"}`:
 *   the newsroom's answer; `POST|DELETE …/comments/<id>/block` `{"kind", "days"}`: block, unblock;
 * - `GET …/blocks`, `DELETE …/blocks/<kind>/<name>`: the blocks in force, lift one.
 * No token or a wrong one: 401; repeated failures from one client: 429 with Retry-After (a valid
 * token always gets in). Damaged records are listed by key and skipped; a store failure is a 503
 * that says what failed, never a 500.
 */
export async function handleModerationRequest(request: Request, ip: string | null, deps: ModerationDeps): Promise<Response> {
  try {
    return await answer(request, ip, deps);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError || error instanceof DamagedValueError)) throw error;
    // Only an editor is told which key failed and why; others learn nothing about the store.
    const detail = findEditor(request.headers.get("authorization"), deps.tokens) ? `: ${error.message}` : "";
    return json(503, { error: `the comment store failed${detail}` }, { "retry-after": "30" });
  }
}

async function answer(request: Request, ip: string | null, deps: ModerationDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  if (deps.tokens.size === 0)
    return json(503, { error: "moderation is not set up: add MODERATION_TOKENS (name:token, tokens of 16+ characters)" });
  let salt: string;
  try {
    salt = typeof deps.salt === "function" ? deps.salt() : deps.salt;
  } catch (error) {
    return json(503, { error: (error as Error).message });
  }
  const client = hashClient(ip, salt) ?? "unknown";
  const limit = deps.failureLimit ?? DEFAULT_FAILURES;
  // The token is checked before the failures are counted: wrong guesses from one address must
  // not lock out an editor who has the right token.
  const editor = findEditor(request.headers.get("authorization"), deps.tokens);
  if (!editor) {
    const recent = await deps.store.countSignInFailures(client, now, limit.windowMs);
    if (recent >= limit.max)
      return json(
        429,
        { error: "too many failed sign-ins; wait and try again" },
        { "retry-after": String(Math.ceil(limit.windowMs / 1000)) },
      );
    await deps.store.recordSignInFailure(client, now);
    return json(401, { error: "a valid moderation token is required" }, { "www-authenticate": 'Bearer realm="bantin moderation"' });
  }

  const url = new URL(request.url);
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
  if (path === "/comments" && request.method === "GET") {
    const status = url.searchParams.get("status");
    if (status && !COMMENT_STATUSES.includes(status as CommentStatus))
      return json(400, { error: `status must be one of ${COMMENT_STATUSES.join(", ")}` });
    const tab = url.searchParams.get("tab");
    if (tab && !isDeskTab(tab)) return json(400, { error: "tab must be one of waiting, flagged, approved, rejected" });
    const article = url.searchParams.get("article") ?? undefined;
    if (article !== undefined && !isSlug(article))
      return json(400, { error: "article must be an article slug (lower-case letters, digits and single dashes)" });
    const site = await readDeskSite(deps.manifest, request.url);
    const filter = { tab: tab && isDeskTab(tab) ? tab : undefined, status: (status as CommentStatus | null) ?? undefined, article };
    return json(200, await listDesk(deps.store, site, filter));
  }
  if (path.startsWith("/blocks")) return answerBlocks(request, path, deps.store, now);
  const bulk = path.match(/^\/comments\/([a-z]+)$/);
  if (bulk && isBulkVerb(bulk[1]!)) {
    if (request.method !== "POST") return json(405, { error: "method not allowed here" }, { allow: "POST" });
    return decideInBulk(request, bulk[1], deps.store, editor, now);
  }
  const acted = path.match(/^\/comments\/([0-9A-Z]{26})\/(reply|block)$/);
  if (acted) {
    const [, id, verb] = acted as unknown as [string, string, "reply" | "block"];
    if (verb === "reply" && request.method === "POST")
      return answerFromRequest(request, id, deps.store, await readDeskSite(deps.manifest, request.url), editor, now);
    if (verb === "block" && (request.method === "POST" || request.method === "DELETE"))
      return blockFromRequest(request, id, deps.store, await readDeskSite(deps.manifest, request.url), editor, now);
    return json(405, { error: "method not allowed here" }, { allow: verb === "reply" ? "POST" : "POST, DELETE" });
  }
  const match = path.match(/^\/comments\/([0-9A-Z]{26})(?:\/(approve|reject))?$/);
  if (!match) return json(404, { error: "no such moderation endpoint" });
  const [, id, action] = match as unknown as [string, string, string | undefined];
  if (action && request.method === "POST") {
    const [outcome] = await decideComments(deps.store, [id], action === "approve" ? "approved" : "rejected", editor, now);
    return outcome!.ok ? json(200, { comment: present(outcome!.record!) }) : refuse(outcome!);
  }
  if (!action && request.method === "DELETE") {
    const [outcome] = await eraseComments(deps.store, [id], editor, now);
    return outcome!.ok ? json(200, { deleted: id }) : refuse(outcome!);
  }
  if (!action && request.method === "PATCH") return editFromRequest(request, id, deps.store, editor, now);
  return json(405, { error: "method not allowed here" }, { allow: action ? "POST" : "DELETE, PATCH" });
}
