import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getHeadersFor, type HeaderRule } from "./netlify-headers.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".jpg": "image/jpeg",
  ".png": "image/png",
};

/** A running static server: its origin and how to stop it (open connections included). */
export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/**
 * Serves `root` as Netlify would: folder URLs, 404.html for anything missing, and on every answer the
 * headers of netlify.toml's rules that match its path (`rules`, see readHeaderRules). `extra` maps a
 * URL path to a file outside the site (a test's own script), served the same way.
 */
export async function startStaticServer(
  root: string,
  rules: readonly HeaderRule[],
  extra: Record<string, string> = {},
): Promise<StaticServer> {
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = extra[pathname] ?? path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    const inside = Object.values(extra).includes(file) || file.startsWith(root + path.sep);
    const body = inside ? await fs.readFile(file).catch(() => null) : null;
    const found = body
      ? { status: 200, body, file }
      : { status: 404, body: await fs.readFile(path.join(root, "404.html")), file: "404.html" };
    response.writeHead(found.status, {
      ...getHeadersFor(rules, pathname),
      "content-type": TYPES[path.extname(found.file)] ?? "application/octet-stream",
    });
    response.end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
