/** A user name and password from an HTTP Basic `Authorization` header (RFC 7617). */
export interface BasicCredentials {
  readonly username: string
  readonly password: string
}

/**
 * Reads HTTP Basic credentials.
 *
 * @returns The credentials; `undefined` when there is no Basic header; `null` when one is present but malformed.
 */
export function readBasicAuth(request: Request): BasicCredentials | null | undefined {
  const header = request.headers.get('authorization')
  if (header === null || !/^Basic(?: |$)/i.test(header)) return undefined
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header)
  if (match === null) return null
  let decoded: string
  try {
    const binary = atob(match[1]!)
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))
  } catch {
    return null
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * Undoes the form encoding RFC 6749 §2.3.1 applies to client credentials before they go into a Basic header.
 * Returns `null` when the encoding is broken.
 */
export function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '))
  } catch {
    return null
  }
}
