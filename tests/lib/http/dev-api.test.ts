import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevApiMiddleware, isLoopbackAddress, LOCAL_EDITOR_TOKEN } from "../../../lib/http/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";
import { startBlobsServer } from "../../helpers/blobs-server.ts";

// The middleware as the dev server calls it, with a request from a chosen socket address.
let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("dev-api");
});
afterAll(async () => fs.rm(temp, { recursive: true, force: true }));

async function call(
  middleware: ReturnType<typeof createDevApiMiddleware>,
  url: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) {
  const req = Object.assign(Readable.from([]), { url, method: "GET", headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
  let status = 0;
  let body = "";
  const res = {
    headersSent: false,
    writeHead(code: number) {
      status = code;
      res.headersSent = true;
      return res;
    },
    end(chunk?: Buffer | string) {
      body = String(chunk ?? "");
      return res;
    },
  };
  let passed = false;
  await middleware(req, res as unknown as ServerResponse, () => (passed = true));
  return { status, body, passed };
}

const LIST = "/api/moderation/comments?status=pending";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("the local editor token", () => {
  const fileEnv = () => ({ BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: path.join(temp, "comments") });

  it("is accepted from this machine on the local file store", async () => {
    const lines: string[] = [];
    const middleware = createDevApiMiddleware(() => temp, { env: fileEnv(), log: (line) => lines.push(line) });
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect((await call(middleware, LIST, address, bearer(LOCAL_EDITOR_TOKEN))).status, address).toBe(200);
    }
    expect(lines.join("\n")).toContain("from this machine only");
  });

  it("is refused from any other address", async () => {
    const middleware = createDevApiMiddleware(() => temp, { env: fileEnv(), log: () => undefined });
    for (const address of ["192.168.1.20", "10.0.0.5", "::ffff:192.168.1.20", "fe80::1", "2001:db8::7"]) {
      const answer = await call(middleware, LIST, address, bearer(LOCAL_EDITOR_TOKEN));
      // 503: no token at all is valid from there ("moderation is not set up").
      expect(answer.status, address).toBe(503);
      expect(answer.body).not.toContain('"comments"');
    }
  });

  it("is refused to another client forwarded by a local proxy (netlify dev)", async () => {
    const middleware = createDevApiMiddleware(() => temp, { env: fileEnv(), log: () => undefined });
    for (const forwarded of ["192.168.1.20", "127.0.0.1, 192.168.1.20"]) {
      const answer = await call(middleware, LIST, "127.0.0.1", { ...bearer(LOCAL_EDITOR_TOKEN), "x-forwarded-for": forwarded });
      expect(answer.status, forwarded).toBe(503);
    }
    expect((await call(middleware, LIST, "127.0.0.1", { ...bearer(LOCAL_EDITOR_TOKEN), "x-forwarded-for": "::1" })).status).toBe(200);
  });

  it("is refused with the Netlify Blobs store, even from this machine", async () => {
    const blobs = await startBlobsServer();
    try {
      const env = {
        BANTIN_COMMENT_STORE: "blobs",
        BANTIN_BLOBS_URL: blobs.edgeURL,
        NETLIFY_SITE_ID: blobs.siteID,
        NETLIFY_AUTH_TOKEN: blobs.token,
      };
      const middleware = createDevApiMiddleware(() => temp, { env, log: () => undefined });
      const answer = await call(middleware, LIST, "127.0.0.1", bearer(LOCAL_EDITOR_TOKEN));
      expect(answer.status).toBe(503);
      expect(answer.body).toContain("MODERATION_TOKENS");
    } finally {
      await blobs.stop();
    }
  });

  it("is not needed when MODERATION_TOKENS is set: those tokens work from anywhere, the local one nowhere", async () => {
    const env = { ...fileEnv(), MODERATION_TOKENS: "lan:a-long-enough-token-123" };
    const middleware = createDevApiMiddleware(() => temp, { env, log: () => undefined });
    expect((await call(middleware, LIST, "192.168.1.20", bearer("a-long-enough-token-123"))).status).toBe(200);
    expect((await call(middleware, LIST, "127.0.0.1", bearer(LOCAL_EDITOR_TOKEN))).status).toBe(401);
  });

  it("leaves other paths to the static server", async () => {
    const middleware = createDevApiMiddleware(() => temp, { env: fileEnv(), log: () => undefined });
    expect((await call(middleware, "/index.html", "192.168.1.20")).passed).toBe(true);
  });
});

describe("loopback addresses", () => {
  it("are 127.0.0.0/8 and ::1, plain or IPv4-mapped", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"].every(isLoopbackAddress)).toBe(true);
    expect(["192.168.0.1", "::ffff:10.0.0.1", "0.0.0.0", "::", "", "127.0.0.1.example", "fe80::1"].some(isLoopbackAddress)).toBe(false);
    expect(isLoopbackAddress(null)).toBe(false);
  });
});
