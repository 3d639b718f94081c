/** The comment use cases: other folders import from here only. */
export { submitComment, type EventLog, type SubmitDeps, type SubmitOutcome } from "./submit-comment.ts";
export { hashClient } from "./client-hash.ts";
export { decideComments, eraseComments, type ModerationOutcome } from "./moderation.ts";
export { checkForRebuild, type RebuildDecision } from "./rebuild-check.ts";
export { answerAsNewsroom, type AnswerAuthor } from "./newsroom-answer.ts";
export { editComment } from "./edit-comment.ts";
export { blockCommenter, unblockCommenter, DEFAULT_BLOCK_DAYS, type BlockSummary } from "./block-commenter.ts";
export type { EditorOutcome } from "./editor-outcome.ts";
export { sendModerationDigest, type DigestDeps, type DigestOutcome } from "./moderation-digest.ts";
