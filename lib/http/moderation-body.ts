/** The largest JSON body an editor's request may carry (a comment is at most 4,000 characters). */
const MAX_BODY_BYTES = 64 * 1024;

/** An editor's JSON body as an object, or the HTTP status and reason to refuse it with. */
export type EditorBody = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415; reason: string };

/**
 * Reads the JSON object an editor's request carries. Read only after the token was checked, so
 * whoever sends it is an editor; still capped at 64 KB, and anything but a JSON object is refused.
 */
export async function readEditorBody(request: Request): Promise<EditorBody> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return { ok: false, status: 415, reason: "send the body as JSON (Content-Type: application/json)" };
  const tooLarge = { ok: false, status: 413, reason: `the body is larger than ${MAX_BODY_BYTES} bytes` } as const;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return tooLarge;
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return tooLarge;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, reason: `the body is not JSON: ${(error as Error).message}` };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, status: 400, reason: "the body must be a JSON object" };
  return { ok: true, body: body as Record<string, unknown> };
}

/** A string field of a body: its value, undefined when absent, or null when it is not a string. */
export function readStringField(body: Record<string, unknown>, field: string): string | undefined | null {
  const value = body[field];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : null;
}
