import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../../lib/core/errors.ts";
import { createDevApiMiddleware, LOCAL_EDITOR_TOKEN } from "../../../lib/http/index.ts";
import { makeTempDir } from "../../helpers/build-site.ts";

// readModerationTokens refuses a token under 16 characters with a ConfigError; stood in for here.
vi.mock("../../../lib/http/settings.ts", async (original) => ({
  ...(await original<typeof import("../../../lib/http/settings.ts")>()),
  readModerationTokens: () => {
    throw new ConfigError('MODERATION_TOKENS: the token for "lan" is shorter than 16 characters');
  },
}));

let temp: string;
beforeAll(async () => {
  temp = await makeTempDir("dev-api-tokens");
});
afterAll(async () => fs.rm(temp, { recursive: true, force: true }));

describe("a bad MODERATION_TOKENS in npm start", () => {
  it("is printed as one line and turns moderation off with the reason (503), not a crash", async () => {
    const lines: string[] = [];
    const env = { BANTIN_COMMENT_STORE: "file", BANTIN_COMMENT_DIR: path.join(temp, "comments"), MODERATION_TOKENS: "lan:short" };
    const middleware = createDevApiMiddleware(() => temp, { env, log: (line) => lines.push(line) });
    expect(lines.join("\n")).toContain('[bantin] moderation: off, MODERATION_TOKENS: the token for "lan" is shorter than 16 characters');
    let status = 0;
    let body = "";
    const res = {
      headersSent: false,
      writeHead: (code: number) => ((status = code), res),
      end: (chunk?: Buffer) => ((body = String(chunk ?? "")), res),
    };
    const req = Object.assign(Readable.from([]), {
      url: "/api/moderation/comments",
      method: "GET",
      headers: { authorization: `Bearer ${LOCAL_EDITOR_TOKEN}` },
      socket: { remoteAddress: "127.0.0.1" },
    }) as unknown as IncomingMessage;
    await middleware(req, res as unknown as ServerResponse, () => undefined);
    expect(status).toBe(503);
    expect(JSON.parse(body).error).toContain("shorter than 16 characters");
  });
});
