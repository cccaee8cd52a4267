import type { TokenErrorFields } from './errors/error-classes.js'

/** A token as the endpoint issued it. */
export interface IssuedToken {
  /** The access token (an RFC 6750 b64token, safe to put in a header). */
  accessToken: string
  /** Lifetime in seconds, from `expires_in`. */
  expiresIn: number
  /** Stytch's `request_id`, if sent. */
  requestId: string | undefined
}

/** RFC 6750 §2.1 b64token: what may follow `Bearer ` in a header. */
const B64TOKEN = /^[\w\-.~+/]+=*$/

/** Reads a JSON body into an object; anything else becomes `{}`. */
export function jsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** A string field, or `undefined`. */
export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  return typeof value === 'string' ? value : undefined
}

/**
 * Reads the OAuth 2.0 error fields (RFC 6749 §5.2) of an error answer, falling back to Stytch's
 * `error_type`/`error_message` shape.
 *
 * @param body - The parsed body.
 * @returns The error fields.
 */
export function errorFields(body: Record<string, unknown>): TokenErrorFields {
  return {
    error: stringField(body, 'error') ?? stringField(body, 'error_type'),
    error_description: stringField(body, 'error_description') ?? stringField(body, 'error_message'),
    error_uri: stringField(body, 'error_uri') ?? stringField(body, 'error_url'),
    request_id: stringField(body, 'request_id'),
  }
}

/**
 * Validates a successful token response (RFC 6749 §5.1): a b64token `access_token`, `token_type` bearer and a
 * positive `expires_in`.
 *
 * @param body - The parsed body.
 * @returns The token, or `undefined` when the body is not a usable bearer token response.
 */
export function parseTokenResponse(body: Record<string, unknown>): IssuedToken | undefined {
  const accessToken = stringField(body, 'access_token')
  const tokenType = stringField(body, 'token_type')
  const rawExpiresIn = body.expires_in
  const expiresIn = typeof rawExpiresIn === 'string' && /^\d+$/.test(rawExpiresIn) ? Number(rawExpiresIn) : rawExpiresIn
  if (accessToken === undefined || accessToken.length > 16_384 || !B64TOKEN.test(accessToken)) return undefined
  if (tokenType?.toLowerCase() !== 'bearer') return undefined
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined
  return { accessToken, expiresIn, requestId: stringField(body, 'request_id') }
}
