import path from "node:path";
import { getStore } from "@netlify/blobs";
import { ConfigError } from "../core/errors.ts";
import { hasNetlifyContext, readRuntime } from "../runtime.ts";
import { CommentStore } from "./comment-store.ts";
import { createBlobsBackend } from "./blobs-backend.ts";
import { createFileBackend } from "./file-backend.ts";
import { CHANGES_PREFIX } from "./keys.ts";

/** Which store the environment asks for, and where it is. */
export type StoreChoice =
  | { kind: "file"; dir: string }
  | { kind: "blobs"; name: string; siteID?: string; token?: string; edgeURL?: string; uncachedEdgeURL?: string };

/**
 * Reads the store choice from the environment:
 * - BANTIN_COMMENT_STORE=file|blobs picks one; unset, a Netlify deploy (NETLIFY_BLOBS_CONTEXT or
 *   NETLIFY=true) means blobs and anything else the local file store, `netlify dev`
 *   (NETLIFY_DEV=true) included: there the comments meet `npm run comments`, which reads the same folder.
 * - file: BANTIN_COMMENT_DIR (default `.bantin/comments`).
 * - blobs: store BANTIN_BLOBS_STORE (default `bantin-comments`); outside Netlify also
 *   NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN, and BANTIN_BLOBS_URL for a local Blobs server.
 */
export function readStoreChoice(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): StoreChoice {
  // `netlify dev` hands the function a Blobs context for its own sandbox, which the CLI cannot see.
  const deployed = readRuntime(env) === "netlify";
  const kind = env.BANTIN_COMMENT_STORE || (deployed ? "blobs" : "file");
  if (kind === "file") return { kind, dir: path.resolve(root, env.BANTIN_COMMENT_DIR || ".bantin/comments") };
  if (kind !== "blobs") throw new ConfigError(`BANTIN_COMMENT_STORE="${kind}" is not a store; use "file" or "blobs"`);
  const choice: StoreChoice = { kind, name: env.BANTIN_BLOBS_STORE || "bantin-comments" };
  // Netlify builds know their site as SITE_ID; elsewhere NETLIFY_SITE_ID names it.
  const siteID = env.NETLIFY_SITE_ID || env.SITE_ID;
  if (siteID) choice.siteID = siteID;
  if (env.NETLIFY_AUTH_TOKEN) choice.token = env.NETLIFY_AUTH_TOKEN;
  // A local Blobs server has no cache in front of it: the same address serves strong reads.
  if (env.BANTIN_BLOBS_URL) choice.edgeURL = choice.uncachedEdgeURL = env.BANTIN_BLOBS_URL;
  if (!hasNetlifyContext(env) && !(choice.siteID && choice.token)) {
    throw new ConfigError(
      'the Netlify Blobs store needs NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN outside Netlify (see README, "Moderating on Netlify")',
    );
  }
  return choice;
}

/** Opens the comment store the environment chose. */
export function openCommentStore(choice: StoreChoice = readStoreChoice()): CommentStore {
  if (choice.kind === "file") return new CommentStore(createFileBackend(choice.dir));
  const { kind: _kind, ...options } = choice;
  // Strong consistency: an editor's approval must be visible to the very next build.
  return new CommentStore(createBlobsBackend(getStore({ ...options, consistency: "strong" })));
}

/**
 * The folder in which a local file store keeps its change notes (what a running `npm start`
 * watches to rebuild after an editor's decision), or null for Netlify Blobs.
 */
export function getChangeNotesFolder(choice: StoreChoice): string | null {
  return choice.kind === "file" ? path.join(choice.dir, CHANGES_PREFIX) : null;
}
