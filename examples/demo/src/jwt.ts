/**
 * The claims of a compact JWT, decoded without verification (for display only).
 *
 * @param token - A compact JWS.
 * @returns The payload.
 */
export function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

/**
 * The token with its payload edited and the original signature kept: what an attacker who wants more scopes tries.
 *
 * @param token - A valid compact JWS.
 * @param edit - Changes to the claims.
 * @returns The forged token.
 */
export function editClaims(token: string, edit: Record<string, unknown>): string {
  const [header, , signature] = token.split('.')
  const payload = Buffer.from(JSON.stringify({ ...decodeClaims(token), ...edit })).toString('base64url')
  return `${header}.${payload}.${signature}`
}
