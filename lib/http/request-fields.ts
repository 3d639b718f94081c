/** How the submission arrived. */
export type RequestKind = "form" | "json";

/** The submitted fields as strings, or why they could not be read. */
export type ReadFields =
  | { kind: "fields"; format: RequestKind; fields: Record<string, string> }
  | { kind: "error"; format: RequestKind; reason: "unsupported-type" | "too-large" | "malformed" };

async function readCapped(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * How a request's body is sent, from its Content-Type: a form or JSON in UTF-8 is `supported`;
 * anything else is answered in the format its type suggests (a form page unless JSON).
 */
export function readRequestKind(request: Request): { format: RequestKind; supported: boolean } {
  const [type = "", ...params] = (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .split(";")
    .map((part) => part.trim());
  const format: RequestKind = type === "application/json" ? "json" : "form";
  const charset = params
    .find((param) => param.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  const supported = (type === "application/json" || type === "application/x-www-form-urlencoded") && (!charset || charset === "utf-8");
  return { format, supported };
}

/**
 * Reads a form (`application/x-www-form-urlencoded`) or JSON body of at most `limit` bytes into
 * string fields. Other types, other charsets, invalid UTF-8, repeated form keys, JSON that is not
 * an object of strings: all are refusals, never exceptions.
 */
export async function readRequestFields(request: Request, limit: number): Promise<ReadFields> {
  const { format, supported } = readRequestKind(request);
  if (!supported) return { kind: "error", format, reason: "unsupported-type" };
  const bytes = await readCapped(request, limit).catch(() => undefined);
  if (bytes === null) return { kind: "error", format, reason: "too-large" };
  if (bytes === undefined) return { kind: "error", format, reason: "malformed" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { kind: "error", format, reason: "malformed" };
  }
  const fields: Record<string, string> = Object.create(null);
  if (format === "form") {
    for (const [key, value] of new URLSearchParams(text)) {
      if (key in fields) return { kind: "error", format, reason: "malformed" };
      fields[key] = value;
    }
    return { kind: "fields", format, fields };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "error", format, reason: "malformed" };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { kind: "error", format, reason: "malformed" };
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string") return { kind: "error", format, reason: "malformed" };
    fields[key] = value;
  }
  return { kind: "fields", format, fields };
}
