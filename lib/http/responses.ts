// Netlify's header rules cover static files only: function answers carry their own.
const FUNCTION_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

/** A JSON answer from a function, with the security headers static pages get from netlify.toml. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...FUNCTION_HEADERS, ...headers },
  });
}

/** An HTML answer from a function, with the same headers. */
export function htmlResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8", ...FUNCTION_HEADERS, ...headers } });
}

/** A 303 See Other to `location` (always a path the site chose, never one from the request). */
export function redirectResponse(location: string): Response {
  return new Response(null, { status: 303, headers: { location, ...FUNCTION_HEADERS } });
}
