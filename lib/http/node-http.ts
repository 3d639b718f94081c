import type { IncomingMessage, ServerResponse } from "node:http";

// Bytes buffered ahead of the reader before the socket is paused.
const HIGH_WATER_MARK = 64 * 1024;

/**
 * A Node request body as a web stream, built by hand rather than with Readable.toWeb: when the
 * reader cancels (a body over the limit), the rest of the body is still read and dropped, so the
 * client, still sending, gets the answer; and nothing is queued into the closed stream (which
 * Readable.toWeb does, crashing the process with ERR_INVALID_STATE). Paused while the reader lags.
 */
function toWebStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        const fail = (error: Error) => {
          if (settled) return;
          settled = true;
          controller.error(error);
        };
        req.once("error", fail);
        // A client that hangs up mid-body: the reader gets an error, not a truncated body.
        req.once("close", () => {
          if (!req.complete) fail(new Error("the client closed the connection before the end of the body"));
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        settled = true;
        req.resume();
      },
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}

/** A web `Request` for a Node request, body streamed (what Netlify Functions v2 hand a function). */
export function toWebRequest(req: IncomingMessage, origin = "http://localhost"): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: toWebStream(req), duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a web `Response` to a Node response. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
