import type { Config, Context } from "@netlify/functions";
import { createManifestSource } from "../lib/comment-manifest.ts";
import { handleCommentRequest } from "../lib/comment-intake.ts";
import { openCommentStore } from "../lib/open-comment-store.ts";
import { readCommentSalt } from "../lib/secrets.ts";

// Created once per function instance and reused across requests.
const store = openCommentStore();
const manifest = createManifestSource();

/** POST /api/comments: validates a reader's comment and stores it as pending. */
export default async (request: Request, context: Context) =>
  handleCommentRequest(request, context.ip ?? null, { store, manifest, salt: readCommentSalt, autoApproveReturning: process.env.BANTIN_AUTO_APPROVE === "returning" });

export const config: Config = { path: "/api/comments" };
