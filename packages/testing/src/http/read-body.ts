import { isJsonObject, type JsonObject } from '../lib/json.js'

/** Why a body could not be read. */
export type BodyError = 'invalid_json' | 'not_an_object' | 'unsupported_media_type' | 'repeated_parameter'

/** Reads a JSON object body; an empty body reads as `{}`. */
export async function readJsonObject(request: Request): Promise<JsonObject | BodyError> {
  return parseJsonObject(await request.text())
}

function parseJsonObject(text: string): JsonObject | BodyError {
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return 'invalid_json'
  }
  return isJsonObject(parsed) ? parsed : 'not_an_object'
}

/**
 * Reads an OAuth 2.0 token request: `application/x-www-form-urlencoded` (RFC 6749 §4.4.2) or JSON, which Stytch also
 * accepts. Parameters must not repeat (RFC 6749 §3.2). Non-string JSON values are kept so the caller can reject them.
 */
export async function readTokenParameters(request: Request): Promise<Map<string, unknown> | BodyError> {
  const text = await request.text()
  // An empty body is no parameters, whatever its type: credentials may all be in the Basic header.
  if (text === '') return new Map()
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (mediaType === 'application/x-www-form-urlencoded') {
    const parameters = new Map<string, unknown>()
    for (const [name, value] of new URLSearchParams(text)) {
      if (parameters.has(name)) return 'repeated_parameter'
      parameters.set(name, value)
    }
    return parameters
  }
  if (mediaType !== 'application/json') return 'unsupported_media_type'
  const body = parseJsonObject(text)
  return typeof body === 'string' ? body : new Map(Object.entries(body))
}
