import { InvalidTokenError } from '../errors/error-classes.js'

/**
 * Requires one more audience in `aud`, besides the one the claim checks already matched (RFC 8707 audience binding:
 * a token meant for another resource of the same project is refused).
 *
 * @param aud - The verified token's `aud` (a string or an array of strings, as the claim checks left it).
 * @param required - The audience that must be present.
 * @throws {InvalidTokenError} `ERR_TOKEN_AUDIENCE` when it is not.
 * @example
 * requireAudience(['project-test-…', 'https://mcp.example.com'], 'https://mcp.example.com')
 */
export function requireAudience(aud: unknown, required: string): void {
  const present = typeof aud === 'string' ? aud === required : Array.isArray(aud) && aud.includes(required)
  if (!present) throw new InvalidTokenError('ERR_TOKEN_AUDIENCE')
}
