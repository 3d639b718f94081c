import type { Config, Context } from "@netlify/functions";
import { createManifestSource } from "../lib/comment-manifest.ts";
import { handleCommentRequest } from "../lib/comment-intake.ts";
import { openCommentStore } from "../lib/open-comment-store.ts";
import { readIntakeSettings } from "../lib/intake-settings.ts";

// Created once per function instance and reused across requests.
const store = openCommentStore();
const manifest = createManifestSource();
const settings = readIntakeSettings();

/** POST /api/comments: validates a reader's comment and stores it as pending. */
export default async (request: Request, context: Context) =>
  handleCommentRequest(request, context.ip ?? null, { store, manifest, ...settings });

export const config: Config = { path: "/api/comments" };
