/** Headers every emulator-made response carries: nothing cached, nothing framed or sniffed. */
const COMMON = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { ...COMMON, 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

/** The admin API's error shape: `{ "error": "<code>", "message": "…" }`. */
export function adminError(status: number, error: string, message: string): Response {
  return json(status, { error, message })
}

/**
 * An HTML page. No scripts run (CSP `default-src 'none'`), inline styles only, forms post only to this origin, and
 * no site can frame it.
 */
export function html(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      ...COMMON,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      // Not 'no-referrer': with it, Chromium sends `Origin: null` on form posts, which the CSRF check refuses.
      'referrer-policy': 'same-origin',
    },
  })
}
