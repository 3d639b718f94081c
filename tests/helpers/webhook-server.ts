import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for an incoming chat webhook (Slack, Google Chat, Mattermost, Discord): keeps
 * each POST's JSON body, and answers with `status` (changeable) or, when `hang` is set, not at all.
 */
export async function startWebhookServer() {
  const state = { status: 200, hang: false };
  const calls: { method: string; body: unknown }[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      calls.push({ method: req.method ?? "", body: JSON.parse(text || "null") });
      if (!state.hang) res.writeHead(state.status, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/moderation`,
    calls,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
