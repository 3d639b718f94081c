/**
 * Where the code runs, decided once from the environment:
 * - `netlify`: a Netlify deploy or build (NETLIFY=true or NETLIFY_BLOBS_CONTEXT, without NETLIFY_DEV);
 * - `netlify-dev`: `netlify dev` on a developer's machine (NETLIFY_DEV=true), which looks like
 *   Netlify to a function but whose comments belong in the local store `npm run comments` reads;
 * - `local`: anything else (`npm start`, the CLI, tests).
 */
export type Runtime = "netlify" | "netlify-dev" | "local";

/** The runtime of this process (or of `env`). */
export function readRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  if (env.NETLIFY_DEV === "true") return "netlify-dev";
  return hasNetlifyContext(env) ? "netlify" : "local";
}

/** Whether Netlify hands this process its site and Blobs context (a deploy, or `netlify dev`'s sandbox). */
export function hasNetlifyContext(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.NETLIFY_BLOBS_CONTEXT) || env.NETLIFY === "true";
}
