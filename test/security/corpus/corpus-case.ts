import type { BearerErrorAttribute, InvalidTokenCode, M2MAuth, M2MErrorCode } from '@m2m-guard/core'
import type { CorpusContext } from './corpus-context.js'
import type { VariantName } from './variants.js'

/** The groups of the hostile-token corpus (issue 8, "must have" 1). */
export type CorpusGroup = 'structure' | 'algorithms' | 'header' | 'claims' | 'stytch' | 'scopes'

/** What sending `Authorization: Bearer <token>` must produce, through core and through every adapter. */
export interface Expected {
  status: 200 | 400 | 401 | 403
  /** The error code, one of several (for mutation cases), or `null` for success. */
  code: M2MErrorCode | readonly M2MErrorCode[] | null
  /** The `error` attribute of `WWW-Authenticate`, or `null` when the answer carries none. */
  wwwError: BearerErrorAttribute | null
  /**
   * Most JWKS fetches the case may cause on a cold verifier. `0`: refused before any key lookup, so it never
   * touches the network; `1`: the first fetch of the key set, never a second one.
   */
  maxJwksFetches: 0 | 1
}

/** Per-request options: the route's requirements. */
export interface CallOptions {
  requiredScopes?: string[]
  anyScopes?: string[]
  maxTokenAge?: number
}

/** One hostile (or control) token and what every layer must answer. */
export interface CorpusCase {
  /** Unique, reads as a sentence fragment: "a token with …". */
  name: string
  group: CorpusGroup
  /** Builds the token sent after `Bearer `. */
  token: (ctx: CorpusContext) => string | Promise<string>
  expected: Expected
  /** Which verifier configuration receives it. Default `'default'`. */
  variant?: VariantName
  /** Scope and age requirements of the route. */
  call?: CallOptions
  /** Why the token cannot travel in an HTTP header (it is then only run through core). */
  coreOnly?: string
  /** Extra checks of a successful result; returns what is wrong (empty when all is well). */
  inspect?: (auth: M2MAuth) => string[]
}

/** A valid token: 200, and its first key lookup may fetch the set once. */
export const accepted = (): Expected => ({ status: 200, code: null, wwwError: null, maxJwksFetches: 1 })

/** Refused with 401 `invalid_token` after the key was looked up (signature or claims). */
export const rejected = (code: InvalidTokenCode | readonly InvalidTokenCode[]): Expected => ({
  status: 401,
  code,
  wwwError: 'invalid_token',
  maxJwksFetches: 1,
})

/** Refused with 401 `invalid_token` from its shape or header alone: never causes a JWKS fetch. */
export const rejectedUnread = (code: InvalidTokenCode): Expected => ({
  status: 401,
  code,
  wwwError: 'invalid_token',
  maxJwksFetches: 0,
})

/** The `Authorization` header itself is malformed: 400 `invalid_request`, never a fetch. */
export const badRequest = (): Expected => ({
  status: 400,
  code: 'ERR_INVALID_REQUEST',
  wwwError: 'invalid_request',
  maxJwksFetches: 0,
})

/** A valid token without the required scope: 403 `insufficient_scope`. */
export const forbidden = (): Expected => ({
  status: 403,
  code: 'ERR_INSUFFICIENT_SCOPE',
  wwwError: 'insufficient_scope',
  maxJwksFetches: 1,
})

/** The codes a case accepts. */
export function expectedCodes(expected: Expected): readonly (M2MErrorCode | null)[] {
  return Array.isArray(expected.code) ? expected.code : [expected.code as M2MErrorCode | null]
}

/** Cases with a test title. */
export function titled(cases: readonly CorpusCase[]): (CorpusCase & { title: string })[] {
  return cases.map((row) => ({ ...row, title: row.name }))
}
