import type { CommentRecord, CommentStatus } from "../core/comment-record.ts";
import { formatDatePattern } from "../core/dates.ts";
import { isSortableId } from "../core/ids.ts";
import type { BlockKind, CommentStore } from "../store/index.ts";
import {
  answerAsNewsroom,
  blockCommenter,
  DEFAULT_BLOCK_DAYS,
  decideComments,
  type EditorOutcome,
  editComment,
  unblockCommenter,
} from "../comments/index.ts";
import { readEditorBody, readStringField } from "./moderation-body.ts";
import type { DeskSite } from "./moderation-desk.ts";
import { jsonResponse } from "./responses.ts";

/** An answer of the moderation API: JSON, never indexed. */
export const answerJson = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  jsonResponse(status, body, { "x-robots-tag": "noindex", ...headers });

/** The HTTP status of each kind of failure: a state or a damaged record is 409, a failed store 503, never 500. */
export const FAILURE_STATUS = { missing: 404, damaged: 409, refused: 409, invalid: 400, failed: 503 } as const;

/** A record as editors see it: everything but the client hash. */
export const presentRecord = (record: CommentRecord) => {
  const { clientHash: _hidden, ...visible } = record;
  return visible;
};

/** The answer for a failure; a failed store also says when to try again. */
export const answerFailure = (failure: keyof typeof FAILURE_STATUS, body: Record<string, unknown>) =>
  answerJson(FAILURE_STATUS[failure], body, failure === "failed" ? { "retry-after": "30" } : {});

const refuse = (outcome: Extract<EditorOutcome<unknown>, { ok: false }>) => answerFailure(outcome.failure, { error: outcome.reason });

const MAX_BULK = 200;
const BULK_STATUS = { approve: "approved", reject: "rejected", reopen: "pending" } as const satisfies Record<string, CommentStatus>;

/** Whether a path's last part names a bulk decision. */
export const isBulkVerb = (verb: string): verb is keyof typeof BULK_STATUS => Object.hasOwn(BULK_STATUS, verb);

/**
 * `POST …/comments/approve|reject|reopen` with `{"ids": [...]}`: decides several comments at once
 * (reopen puts them back in the queue: the desk's undo). 200 with one result per id when every id
 * went through; otherwise the status of the first failure, with the same results and its reason.
 */
export async function decideInBulk(
  request: Request,
  verb: keyof typeof BULK_STATUS,
  store: CommentStore,
  editor: string,
  now: Date,
): Promise<Response> {
  const read = await readEditorBody(request);
  if (!read.ok) return answerJson(read.status, { error: read.reason });
  const ids = read.body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK || !ids.every((id) => typeof id === "string" && isSortableId(id)))
    return answerJson(400, { error: `ids must be a list of 1 to ${MAX_BULK} comment ids (26 characters, 0-9 and A-Z)` });
  const outcomes = await decideComments(store, [...new Set(ids as string[])], BULK_STATUS[verb], editor, now);
  const results = outcomes.map((outcome) =>
    outcome.ok ? { id: outcome.id, ok: true, status: outcome.record?.status } : { id: outcome.id, ok: false, error: outcome.reason },
  );
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (!failed || failed.ok) return answerJson(200, { results });
  return answerFailure(failed.failure, { error: failed.reason, results });
}

/** `PATCH …/comments/<id>` with `{"content": "...", "name": "..."}` (either or both): an editor's edit. */
export async function editFromRequest(request: Request, id: string, store: CommentStore, editor: string, now: Date): Promise<Response> {
  const read = await readEditorBody(request);
  if (!read.ok) return answerJson(read.status, { error: read.reason });
  const content = readStringField(read.body, "content");
  const name = readStringField(read.body, "name");
  if (content === null || name === null) return answerJson(400, { error: "content and name must be strings" });
  const outcome = await editComment(store, id, { content, name }, editor, now);
  return outcome.ok ? answerJson(200, { comment: presentRecord(outcome.value) }) : refuse(outcome);
}

/** `POST …/comments/<id>/reply` with `{"text": "..."}`: the newsroom's answer, published at once (201). */
export async function answerFromRequest(
  request: Request,
  id: string,
  store: CommentStore,
  site: DeskSite,
  editor: string,
  now: Date,
): Promise<Response> {
  const read = await readEditorBody(request);
  if (!read.ok) return answerJson(read.status, { error: read.reason });
  const text = readStringField(read.body, "text");
  if (typeof text !== "string") return answerJson(400, { error: "text (the answer) is required, as a string" });
  const outcome = await answerAsNewsroom(store, id, text, { newsroomName: site.newsroomName, by: editor, now });
  return outcome.ok ? answerJson(201, { comment: presentRecord(outcome.value) }) : refuse(outcome);
}

/**
 * `POST …/comments/<id>/block` with `{"kind": "client"|"email", "days": N}` (defaults: client, 30)
 * blocks the comment's client or email; `DELETE …/comments/<id>/block?kind=` lifts it. The answer
 * names the kind and the end (also in the site's zone and format, `untilLine`), never the email.
 */
export async function blockFromRequest(
  request: Request,
  id: string,
  store: CommentStore,
  site: DeskSite,
  editor: string,
  now: Date,
): Promise<Response> {
  if (request.method === "DELETE") {
    const kind = new URL(request.url).searchParams.get("kind") ?? "client";
    if (kind !== "client" && kind !== "email") return answerJson(400, { error: 'kind must be "client" or "email"' });
    const outcome = await unblockCommenter(store, id, kind);
    return outcome.ok ? answerJson(200, { lifted: outcome.value }) : refuse(outcome);
  }
  const read = await readEditorBody(request);
  if (!read.ok) return answerJson(read.status, { error: read.reason });
  const kind = read.body.kind ?? "client";
  const days = read.body.days ?? DEFAULT_BLOCK_DAYS;
  if (kind !== "client" && kind !== "email") return answerJson(400, { error: 'kind must be "client" or "email"' });
  if (typeof days !== "number") return answerJson(400, { error: "days must be a number" });
  const outcome = await blockCommenter(store, id, kind as BlockKind, days, editor, now);
  if (!outcome.ok) return refuse(outcome);
  const untilLine = formatDatePattern(new Date(outcome.value.until), site.timeZone, site.locale.dates.dateLine, site.locale.dates);
  return answerJson(200, { block: { ...outcome.value, untilLine } });
}

/** `GET …/blocks`: the blocks in force (hashes only); `DELETE …/blocks/<kind>/<name>` lifts one of them. */
export async function answerBlocks(request: Request, path: string, store: CommentStore, now: Date): Promise<Response> {
  if (path === "/blocks") {
    if (request.method !== "GET") return answerJson(405, { error: "method not allowed here" }, { allow: "GET" });
    return answerJson(200, { blocks: await store.blocks.list(now) });
  }
  const match = path.match(/^\/blocks\/(client|email)\/([0-9a-f]{1,64})$/);
  if (!match) return answerJson(404, { error: "no such moderation endpoint" });
  if (request.method !== "DELETE") return answerJson(405, { error: "method not allowed here" }, { allow: "DELETE" });
  const lifted = await store.blocks.removeListed(match[1] as BlockKind, match[2]!);
  return lifted ? answerJson(200, { lifted: true }) : answerJson(404, { error: `no ${match[1]} block is named ${match[2]}` });
}
