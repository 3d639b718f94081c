import { BantinError } from "../core/errors.ts";

/** The address `npm start` listens on: BANTIN_HOST, or this machine only (127.0.0.1). */
export function readDevServerHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.BANTIN_HOST?.trim() || "127.0.0.1";
}

/**
 * Makes Eleventy's dev server listen on `host` only. Its options have no host (2.x listens on every
 * interface), so the one method that calls `listen` is replaced; it is also the one its port retry
 * goes through. Fails loudly if a new version of the server no longer has that method.
 */
export async function bindDevServerHost(host: string): Promise<void> {
  // Loaded here, not at the top: a build never starts the server and need not load it.
  const { default: EleventyDevServer } = await import("@11ty/eleventy-dev-server");
  const prototype = EleventyDevServer.prototype;
  if (typeof prototype._serverListen !== "function") {
    throw new BantinError(
      "@11ty/eleventy-dev-server no longer has _serverListen: update lib/http/dev-server-host.ts to bind npm start to 127.0.0.1",
    );
  }
  prototype._serverListen = function listenOnHost(this: InstanceType<typeof EleventyDevServer>, port: number) {
    this.server.listen({ port, host });
  };
}
