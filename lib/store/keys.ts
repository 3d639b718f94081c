import { createHash } from "node:crypto";

/**
 * Every key name in the comment store, and nothing else: no other module builds or takes apart a
 * key string. Keys are `/`-separated; ids are time-sortable (lib/core/ids.ts).
 *
 * | Prefix | What it holds | Who writes it |
 * | --- | --- | --- |
 * | `comments/<slug>/<id>` | one comment record (JSON) | `CommentStore.submit`, `importRecord`, `update` |
 * | `ids/<id>` | the slug of comment `<id>` (an index: find by id without listing) | `submit`, `importRecord`, `doctor --fix`; erased with the comment |
 * | `dedupe/<sha256>` | the first comment of one (article, email, text) | `submit`, `importRecord`; erased with the comment |
 * | `decided/<id>` | empty: comment `<id>` is no longer pending | `update`, `importRecord` |
 * | `approved-emails/<sha256>` | empty: that email has an approved comment | `TrustList` (moderation) |
 * | `changes/<id>` | a change note (approve, reject, reopen, delete, import, edit, newsroom answer) | `RebuildState.noteChange` |
 * | `builds/last`, `builds/requested` | the last build's marker; the last build hook call | the build; the rebuild check and CLI |
 * | `rate/<client>/<window end s>/<n>` | empty: one claimed submission slot | `claimRateSlot` (intake) |
 * | `authfail/<client>/<id>` | empty: one failed moderation sign-in | `recordSignInFailure` (/admin/ API) |
 * | `spam/<YYYY-MM-DD>/<id>` | `{ reason }`: one refused spam attempt | `recordSpam` (intake) |
 * | `blocks/client/<client>`, `blocks/email/<sha256>` | `{ until, by, createdAt }`: one blocked client or email | `BlockList` (CLI, /admin/) |
 * | `alerts/last` | `{ sentAt, newest }`: what the last moderation digest counted | the moderation digest (scheduled function) |
 * | `damaged/<key>[.<n>]` | the text of a damaged record, moved aside as it was | `doctor --fix` |
 *
 * `pruneExpired` removes old `rate/`, `authfail/` and `spam/` keys.
 */

const lastPart = (key: string) => key.slice(key.lastIndexOf("/") + 1);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The key of a comment: time-sortable within its article. */
export function commentKey(slug: string, id: string): string {
  return `comments/${slug}/${id}`;
}

/** The prefix of every comment key, or of one article's. */
export function commentPrefix(slug?: string): string {
  return slug ? `comments/${slug}/` : "comments/";
}

/** The comment id a comment key names. */
export function idOfCommentKey(key: string): string {
  return lastPart(key);
}

/** The article slug a comment key names. */
export function slugOfCommentKey(key: string): string {
  return key.split("/")[1]!;
}

/** The id index entry of a comment: it holds the comment's slug. */
export function idIndexKey(id: string): string {
  return `ids/${id}`;
}

/** The duplicate marker of a duplicate key (article, email, text): a hash, so no content is in the key. */
export function duplicateMarkerKey(duplicateKey: string): string {
  return `dedupe/${sha256(duplicateKey)}`;
}

/** The marker saying comment `id` has been decided. */
export function decidedKey(id: string): string {
  return `decided/${id}`;
}

export const DECIDED_PREFIX = "decided/";

/** The comment id a decided marker names. */
export function idOfDecidedKey(key: string): string {
  return lastPart(key);
}

/** The trust list entry of an email (hashed; case and surrounding spaces do not count). */
export function approvedEmailKey(email: string): string {
  return `approved-emails/${sha256(email.trim().toLowerCase())}`;
}

export const CHANGES_PREFIX = "changes/";

/** The key of a change note with a sortable id. */
export function changeKey(id: string): string {
  return `${CHANGES_PREFIX}${id}`;
}

export const BUILD_MARKER_KEY = "builds/last";
export const ALERT_MARKER_KEY = "alerts/last";
export const REBUILD_REQUEST_KEY = "builds/requested";

export const RATE_PREFIX = "rate/";

/** The prefix of one client's slots in the window ending at `windowEndMs`. */
export function rateWindowPrefix(clientHash: string, windowEndMs: number): string {
  return `${RATE_PREFIX}${clientHash}/${windowEndMs / 1000}/`;
}

/** When (ms) the window of a rate slot key ends. */
export function windowEndOfRateKey(key: string): number {
  return Number(key.split("/")[2]) * 1000;
}

export const SIGN_IN_FAILURE_PREFIX = "authfail/";

/** The prefix of one client's failed sign-ins. */
export function signInFailurePrefix(client: string): string {
  return `${SIGN_IN_FAILURE_PREFIX}${client}/`;
}

/** The key of one failed sign-in with a sortable id. */
export function signInFailureKey(client: string, id: string): string {
  return `${signInFailurePrefix(client)}${id}`;
}

const SPAM_PREFIX = "spam/";

/** The prefix of the spam counts of a day (`YYYY-MM-DD`), or of all days. */
export function spamPrefix(day?: string): string {
  return day ? `${SPAM_PREFIX}${day}/` : SPAM_PREFIX;
}

/** The key of one spam count. */
export function spamKey(day: string, id: string): string {
  return `${spamPrefix(day)}${id}`;
}

/** The sortable id at the end of an `authfail/`, `spam/` or `changes/` key. */
export function idOfTimedKey(key: string): string {
  return lastPart(key);
}

/** Where `doctor --fix` keeps the text of a damaged record; `copy` > 0 when earlier copies exist. */
export function damagedCopyKey(key: string, copy = 0): string {
  return copy ? `damaged/${key}.${copy}` : `damaged/${key}`;
}

/** What a block names: a client (its salted hash) or an email. */
export type BlockKind = "client" | "email";

export const BLOCKS_PREFIX = "blocks/";

/** The key of a block: the client hash as it is, an email hashed (case and spaces do not count). */
export function blockKey(kind: BlockKind, value: string): string {
  return `${BLOCKS_PREFIX}${kind}/${kind === "email" ? sha256(value.trim().toLowerCase()) : value}`;
}

/** The key of a block as `partsOfBlockKey` names it (a client hash, or an email's hash), or null for a name no block can have. */
export function namedBlockKey(kind: BlockKind, name: string): string | null {
  return /^[0-9a-f]{1,64}$/.test(name) ? `${BLOCKS_PREFIX}${kind}/${name}` : null;
}

/** The kind and stored name (client hash or email hash) of a block key. */
export function partsOfBlockKey(key: string): { kind: BlockKind; name: string } {
  const [, kind, name] = key.split("/");
  return { kind: kind as BlockKind, name: name! };
}
