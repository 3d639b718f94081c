/** The HTTP side of bantin (requests, responses, settings): functions/ and scripts/ import from here. */
export { handleCommentRequest, refuseForSetup, refuseUnfitRequest, type IntakeDeps } from "./comment-intake.ts";
export { answerComment, refuseComment, SENT_FRAGMENT } from "./comment-response.ts";
export { createManifestSource, type ManifestSource } from "./comment-manifest.ts";
export { handleModerationRequest, findEditor, type ModerationDeps, type ModerationTokens } from "./moderation-api.ts";
export { createDevApiMiddleware, isLocalRequest, isLoopbackAddress, LOCAL_EDITOR_TOKEN, type DevApiOptions } from "./dev-api.ts";
export { bindDevServerHost, readDevServerHost } from "./dev-server-host.ts";
export { jsonResponse, htmlResponse, redirectResponse } from "./responses.ts";
export { readRequestFields, readRequestKind, type ReadFields, type RequestKind } from "./request-fields.ts";
export {
  openConfiguredStore,
  readCommentDeps,
  readCommentSalt,
  readIntakeSettings,
  readModerationDeps,
  readModerationTokens,
  readDigestDeps,
  readRebuildDeps,
  readRuntime,
  type Runtime,
} from "./settings.ts";
