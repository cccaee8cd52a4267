/** The parts of a `WWW-Authenticate: Bearer` challenge an agent acts on. */
export interface BearerChallenge {
  readonly error: string | undefined
  /** `scope`, split at spaces; `undefined` when absent. */
  readonly scope: readonly string[] | undefined
  /** `resource_metadata` (RFC 9728 §5.1). */
  readonly resourceMetadata: string | undefined
}

const PARAM = /([a-zA-Z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g

/**
 * Reads the first `Bearer` challenge of a `WWW-Authenticate` value (RFC 6750 §3); `undefined` when there is none.
 *
 * @param header - The header value, or `null`.
 * @returns The challenge's `error`, `scope` and `resource_metadata`.
 * @example
 * parseBearerChallenge('Bearer error="insufficient_scope", scope="write:users"')?.scope // ['write:users']
 */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (header === null) return undefined
  const start = header.search(/(^|[\s,])Bearer(\s|$)/i)
  if (start === -1) return undefined
  // Parameters up to the next scheme (`, Basic realm=…` or `, DPoP …`): a token followed by a space, not by `=`.
  const rest = header.slice(start).replace(/^[\s,]*Bearer/i, '')
  const end = rest.search(/,\s*[a-zA-Z][\w-]*\s+[a-zA-Z_][\w-]*\s*=/)
  const params = new Map<string, string>()
  for (const match of (end === -1 ? rest : rest.slice(0, end)).matchAll(PARAM)) {
    const name = (match[1] as string).toLowerCase()
    if (!params.has(name))
      params.set(name, match[2] === undefined ? (match[3] as string) : match[2].replace(/\\(.)/g, '$1'))
  }
  const scope = params.get('scope')
  return {
    error: params.get('error'),
    scope: scope === undefined ? undefined : scope.split(' ').filter((item) => item !== ''),
    resourceMetadata: params.get('resource_metadata'),
  }
}
