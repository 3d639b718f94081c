import { BantinError } from "./core/errors.ts";

// Used only where no secret is set and the site is not on Netlify: a developer's machine.
const DEVELOPMENT_SALT = "bantin-development-salt";

/**
 * The secret salt for client hashes (COMMENT_SALT). Required on Netlify, where a missing salt
 * would make the stored hashes guessable; a fixed development value elsewhere.
 */
export function readCommentSalt(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMMENT_SALT) return env.COMMENT_SALT;
  if (env.NETLIFY === "true" || env.NETLIFY_BLOBS_CONTEXT) {
    throw new BantinError("COMMENT_SALT is not set: add a long random value in Netlify, Site configuration → Environment variables");
  }
  return DEVELOPMENT_SALT;
}
