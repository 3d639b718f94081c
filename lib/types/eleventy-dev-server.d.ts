declare module "@11ty/eleventy-dev-server" {
  import type { Server } from "node:http";

  /** The parts of Eleventy's dev server (2.x, server.js) that lib/http/dev-server-host.ts relies on. */
  export default class EleventyDevServer {
    get server(): Server;
    _serverListen(port: number): void;
  }
}
