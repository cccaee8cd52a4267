/** A JSON object body, or why it could not be read. */
export type JsonBody = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 415; message: string }

/**
 * Reads an admin request's JSON object body. The content type must be `application/json`: a cross-site HTML form
 * cannot send that without a CORS preflight (which the emulator never grants), so this also stops CSRF. An empty
 * body is `{}`.
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, status: 415, message: "send content-type: application/json (use -d '{}' for no options)" }
  }
  const text = await request.text()
  if (text.trim() === '') return { ok: true, body: {} }
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      return { ok: true, body: body as Record<string, unknown> }
    }
    return { ok: false, status: 400, message: 'the body must be a JSON object' }
  } catch {
    return { ok: false, status: 400, message: 'the body is not valid JSON' }
  }
}

/** The first field of `body` not in `known`, if any. */
export function unknownField(body: Record<string, unknown>, known: readonly string[]): string | undefined {
  return Object.keys(body).find((field) => !known.includes(field))
}
