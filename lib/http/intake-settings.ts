import { BantinError } from "../core/errors.ts";
import type { IntakeDeps } from "../comments/intake.ts";
import { readCommentSalt } from "./secrets.ts";

/**
 * The comment function's settings from the environment:
 * - COMMENT_SALT: secret for client hashes (required on Netlify).
 * - COMMENT_RATE_LIMIT: `<count>/<seconds>` per client, default `5/600`.
 * - BANTIN_AUTO_APPROVE=returning: publish at once for emails approved before (off by default).
 */
export function readIntakeSettings(env: NodeJS.ProcessEnv = process.env): Pick<IntakeDeps, "salt" | "rateLimit" | "autoApproveReturning"> {
  let rateLimit = { max: 5, windowMs: 600_000 };
  if (env.COMMENT_RATE_LIMIT) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(env.COMMENT_RATE_LIMIT);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new BantinError(`COMMENT_RATE_LIMIT="${env.COMMENT_RATE_LIMIT}" should be <count>/<seconds>, both at least 1, for example 5/600`);
    }
    rateLimit = { max: Number(match[1]), windowMs: Number(match[2]) * 1000 };
  }
  return { salt: () => readCommentSalt(env), rateLimit, autoApproveReturning: env.BANTIN_AUTO_APPROVE === "returning" };
}
