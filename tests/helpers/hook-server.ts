import http from "node:http";
import type { AddressInfo } from "node:net";

/** A local stand-in for a Netlify build hook that counts the POSTs it receives. */
export async function startHookServer(status = 200) {
  const calls: { method: string; url: string }[] = [];
  const server = http.createServer((req, res) => {
    calls.push({ method: req.method ?? "", url: req.url ?? "" });
    req.resume();
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/build_hooks/test-hook`,
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
