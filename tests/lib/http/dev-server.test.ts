import net from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevSite } from "../../helpers/dev-server.ts";
import { sendRaw } from "../../helpers/processes.ts";

// `npm start` itself (Eleventy's dev server with the comment API, eleventy.config.ts), on fixture content.
let site: Awaited<ReturnType<typeof startDevSite>>;
beforeAll(async () => {
  site = await startDevSite();
}, 180_000);
afterAll(async () => site?.stop());

const port = () => Number(new URL(site.origin).port);

/** Whether a TCP connection to host:port is accepted. */
function canConnect(host: string, portNumber: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: portNumber });
    socket.setTimeout(3000, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

const outward = Object.values(os.networkInterfaces())
  .flat()
  .filter((entry) => entry && !entry.internal && !(entry.family === "IPv6" && entry.address.startsWith("fe80:")))
  .map((entry) => entry!.address);
if (outward.length === 0) console.warn("[skip] dev server binding: this machine has no non-loopback network address to try");

describe("where the dev server listens", () => {
  it("answers on 127.0.0.1", async () => {
    expect(await canConnect("127.0.0.1", port())).toBe(true);
    expect((await fetch(`${site.origin}/comment-manifest.json`)).status).toBe(200);
  });

  it.skipIf(outward.length === 0)("is not reachable on this machine's network addresses", async () => {
    for (const address of outward) expect(await canConnect(address, port()), address).toBe(false);
  });
});

describe("the moderation page", () => {
  it("is served with X-Robots-Tag: noindex, as netlify.toml serves it", async () => {
    const answer = await fetch(`${site.origin}/admin/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-robots-tag")).toBe("noindex");
    await answer.body?.cancel();
    const home = await fetch(`${site.origin}/`);
    expect(home.headers.get("x-robots-tag")).toBeNull();
    await home.body?.cancel();
  });
});

describe("a 10 MB chunked body", () => {
  it("is answered 413, with no uncaught exception, and the server keeps answering", async () => {
    const chunk = "x".repeat(64 * 1024);
    const chunks = Array.from({ length: 160 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("");
    const head = "POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const answer = await sendRaw(port(), `${head}${chunks}0\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    // Whatever the server still does with the rest of the body has had time to go wrong.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(site.server.output()).not.toMatch(/Uncaught|ERR_INVALID_STATE/);
    const after = await fetch(`${site.origin}/api/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"slug":',
    });
    expect(after.status).toBe(400);
    expect((await fetch(`${site.origin}/comment-manifest.json`)).status).toBe(200);
    expect(site.server.child.exitCode).toBeNull();
  });
});
