import path from "node:path";
import { ConfigError } from "../core/errors.ts";
import { createLog } from "../log.ts";
import { readRuntime } from "../runtime.ts";
import { openCommentStore, readStoreChoice, type CommentStore } from "../store/index.ts";
import type { ManifestSource } from "./comment-manifest.ts";
import { createWordListSource, readSiteSettings } from "./content-files.ts";
import type { DigestDeps } from "../comments/index.ts";
import { getLocale } from "../core/locales/index.ts";
import type { IntakeDeps } from "./comment-intake.ts";
import type { ModerationDeps } from "./moderation-api.ts";

export { readRuntime, type Runtime } from "../runtime.ts";

/**
 * The one place that turns the environment into the functions' dependencies (the README's table of
 * settings is the reader's reference). Every variable the functions, `npm start` and the CLI read:
 * - NETLIFY, NETLIFY_BLOBS_CONTEXT, NETLIFY_DEV: where we run (see readRuntime in lib/runtime.ts).
 * - BANTIN_COMMENT_STORE=file|blobs, BANTIN_COMMENT_DIR, BANTIN_BLOBS_STORE, BANTIN_BLOBS_URL,
 *   NETLIFY_SITE_ID (or SITE_ID), NETLIFY_AUTH_TOKEN: the comment store (lib/store/open-store.ts).
 * - COMMENT_SALT: secret for client hashes, required in a Netlify deploy.
 * - COMMENT_RATE_LIMIT: `<count>/<seconds>` per client, default `5/600`.
 * - BANTIN_AUTO_APPROVE=returning: publish at once for emails approved before (off by default).
 * - MODERATION_TOKENS (`name:token,…`) or MODERATION_TOKEN: editors of the moderation API.
 * - BANTIN_SITE_DIR: the built site whose comment-manifest.json the intake reads (lib/http/comment-manifest.ts).
 * - BANTIN_CONTENT_DIR (default `content`): where the functions read moderation.json (the word list)
 *   and site.json (lib/http/content-files.ts), as the build does.
 * - MODERATION_WEBHOOK_URL: where the scheduled function sends the digest of waiting comments.
 * - URL: the site's address on Netlify (set by Netlify), for the digest's link to /admin/.
 * - BANTIN_HOST: the address `npm start` listens on; BUILD_HOOK_URL: the rebuild's build hook;
 *   BANTIN_EDITOR: the CLI's editor name; DEBUG=bantin:*: debug output (lib/log.ts).
 * Each reader throws a ConfigError naming the variable and how to fix it.
 */

// Used only where no secret is set and the site is not deployed: a developer's machine.
const DEVELOPMENT_SALT = "bantin-development-salt";
const MIN_TOKEN = 16;
let warned = false;

/**
 * The secret salt for client hashes (COMMENT_SALT). Required in a Netlify deploy, where a missing
 * salt would make the stored hashes guessable. Under `netlify dev`, a fixed development value with
 * a warning; elsewhere silently.
 */
export function readCommentSalt(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMMENT_SALT) return env.COMMENT_SALT;
  const runtime = readRuntime(env);
  if (runtime === "netlify") {
    throw new ConfigError("COMMENT_SALT is not set: add a long random value in Netlify, Site configuration → Environment variables");
  }
  if (runtime === "netlify-dev" && !warned) {
    createLog("intake").warn("COMMENT_SALT is not set: netlify dev uses the development salt (set COMMENT_SALT in a deploy)");
    warned = true;
  }
  return DEVELOPMENT_SALT;
}

/** COMMENT_RATE_LIMIT and BANTIN_AUTO_APPROVE; the salt is read when first needed. */
export function readIntakeSettings(env: NodeJS.ProcessEnv = process.env): Pick<IntakeDeps, "salt" | "rateLimit" | "autoApproveReturning"> {
  let rateLimit = { max: 5, windowMs: 600_000 };
  if (env.COMMENT_RATE_LIMIT) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(env.COMMENT_RATE_LIMIT);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new ConfigError(
        `COMMENT_RATE_LIMIT="${env.COMMENT_RATE_LIMIT}" should be <count>/<seconds>, both at least 1, for example 5/600`,
      );
    }
    rateLimit = { max: Number(match[1]), windowMs: Number(match[2]) * 1000 };
  }
  return { salt: () => readCommentSalt(env), rateLimit, autoApproveReturning: env.BANTIN_AUTO_APPROVE === "returning" };
}

/**
 * Reads editors' tokens: MODERATION_TOKENS as `name:token,name:token`, or one MODERATION_TOKEN
 * (named "editor"). A token shorter than 16 characters (it could be guessed) or an entry without
 * a name is a ConfigError naming the editor, never silently dropped. Tokens never appear in messages.
 */
export function readModerationTokens(env: NodeJS.ProcessEnv = process.env): Map<string, string> {
  const tokens = new Map<string, string>();
  const add = (name: string, token: string, where: string) => {
    if (token.length < MIN_TOKEN) {
      throw new ConfigError(
        `the token of editor "${name}" in ${where} has ${token.length} characters; tokens need at least ${MIN_TOKEN} (make one with \`openssl rand -hex 24\`)`,
      );
    }
    tokens.set(name, token);
  };
  const pairs = (env.MODERATION_TOKENS ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  pairs.forEach((pair, index) => {
    const at = pair.indexOf(":");
    if (at <= 0) throw new ConfigError(`entry ${index + 1} of MODERATION_TOKENS has no editor name; write it as name:token`);
    add(pair.slice(0, at).trim(), pair.slice(at + 1).trim(), "MODERATION_TOKENS");
  });
  if (env.MODERATION_TOKEN) add("editor", env.MODERATION_TOKEN, "MODERATION_TOKEN");
  return tokens;
}

/** The store the environment chose, opened. Throws a ConfigError for a bad store setting. */
export function openConfiguredStore(env: NodeJS.ProcessEnv = process.env): CommentStore {
  return openCommentStore(readStoreChoice(env));
}

/**
 * Everything the comment handler needs. The functions call it per request (Netlify hands each
 * invocation its Blobs context); `npm start` once, passing the store it opened.
 */
export function readCommentDeps(
  env: NodeJS.ProcessEnv,
  manifest: ManifestSource,
  store: CommentStore = openConfiguredStore(env),
): IntakeDeps {
  return { store, manifest, wordList: createWordListSource(readContentDir(env)), ...readIntakeSettings(env) };
}

/** The content folder the functions read (BANTIN_CONTENT_DIR, default `content`), from the working directory. */
export function readContentDir(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string {
  return path.resolve(root, env.BANTIN_CONTENT_DIR || "content");
}

/** What the scheduled rebuild needs: the store and the build hook (BUILD_HOOK_URL, possibly unset). */
export function readRebuildDeps(env: NodeJS.ProcessEnv): { store: CommentStore; hookUrl: string | undefined } {
  return { store: openConfiguredStore(env), hookUrl: env.BUILD_HOOK_URL || undefined };
}

/**
 * The moderation digest's settings: MODERATION_WEBHOOK_URL (unset: no digest) and the site from
 * `<content dir>/site.json`, its address replaced by URL where Netlify sets it. A webhook that is
 * not an http(s) URL is a ConfigError.
 */
export function readDigestDeps(env: NodeJS.ProcessEnv = process.env): DigestDeps | null {
  const webhookUrl = env.MODERATION_WEBHOOK_URL?.trim();
  if (!webhookUrl) return null;
  if (!/^https?:\/\//.test(webhookUrl) || !URL.canParse(webhookUrl)) {
    throw new ConfigError(
      'MODERATION_WEBHOOK_URL is not an http(s) address: paste the incoming webhook\'s URL from Slack, Google Chat, Mattermost or Discord (README, "Editor alerts")',
    );
  }
  const contentDir = readContentDir(env);
  return {
    webhookUrl,
    readSite: async () => {
      const config = await readSiteSettings(contentDir);
      return { name: config.name, url: env.URL || config.url, timeZone: config.timeZone, locale: getLocale(config.language) };
    },
  };
}

/**
 * Everything the moderation handler needs; `tokens` may be given (npm start decides them itself),
 * and `manifest`, the build's comment manifest the desk names articles and dates from.
 */
export function readModerationDeps(
  env: NodeJS.ProcessEnv,
  store: CommentStore = openConfiguredStore(env),
  tokens: ModerationDeps["tokens"] = readModerationTokens(env),
  manifest?: ManifestSource,
): ModerationDeps {
  return { store, tokens, salt: () => readCommentSalt(env), manifest };
}
