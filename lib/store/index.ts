/**
 * The comment store's public surface: other folders import from here only. Key names live in
 * keys.ts (its doc comment has the table of every prefix).
 */
export { CommentStore, type FoundComment, type ImportResult, type RecordScan, type SubmitResult } from "./comment-store.ts";
export { getChangeNotesFolder, openCommentStore, readStoreChoice, type StoreChoice } from "./open-store.ts";
export { createFileBackend } from "./file-backend.ts";
export { createBlobsBackend } from "./blobs-backend.ts";
export { DamagedValueError, StoreError, type StoreBackend } from "./backend.ts";
export { describeDamaged, type DamagedRecord, type ReadRecord } from "./read-record.ts";
export { formatDoctorReport, type DoctorReport } from "./doctor.ts";
export type { BuildMarker, ChangeNote, RebuildRequest, RebuildState } from "./rebuild-state.ts";
export type { TrustList } from "./trust-list.ts";
export type { BlockEntry, BlockList, ListedBlock } from "./block-list.ts";
export type { AlertMarker, AlertState } from "./alert-state.ts";
export type { BlockKind } from "./keys.ts";
export type { RateClaim } from "./rate-slots.ts";
export { commentKey, idOfCommentKey, slugOfCommentKey } from "./keys.ts";
