import { BantinError } from "../core/errors.ts";

// Used only where no secret is set and the site is not deployed: a developer's machine.
const DEVELOPMENT_SALT = "bantin-development-salt";
let warned = false;

/**
 * The secret salt for client hashes (COMMENT_SALT). Required in a Netlify deploy, where a missing
 * salt would make the stored hashes guessable. Under `netlify dev` (NETLIFY_DEV=true), which looks
 * like Netlify to the function, a fixed development value with a warning; elsewhere silently.
 */
export function readCommentSalt(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMMENT_SALT) return env.COMMENT_SALT;
  if (env.NETLIFY_DEV === "true") {
    if (!warned) console.warn("[bantin] COMMENT_SALT is not set: netlify dev uses the development salt (set COMMENT_SALT in a deploy)");
    warned = true;
    return DEVELOPMENT_SALT;
  }
  if (env.NETLIFY === "true" || env.NETLIFY_BLOBS_CONTEXT) {
    throw new BantinError("COMMENT_SALT is not set: add a long random value in Netlify, Site configuration → Environment variables");
  }
  return DEVELOPMENT_SALT;
}
