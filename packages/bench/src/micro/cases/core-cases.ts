import { createStytchVerifier, type JwksSource, type StytchVerifierOptions, type Verifier } from '@m2m-guard/core'
import { PROJECT_ID, REQUIRED_SCOPE } from '../../fixtures/project.js'
import type { CaseContext, MicroCase } from '../micro-case.js'

const VERIFY_OPTIONS = Object.freeze({ requiredScopes: Object.freeze([REQUIRED_SCOPE]) })

function coreCase(
  id: string,
  name: string,
  inFlight: number,
  options: Omit<StytchVerifierOptions, 'projectId'>,
): MicroCase {
  const verifier: Verifier = createStytchVerifier({ projectId: PROJECT_ID, ...options })
  return {
    id,
    name,
    inFlight,
    verify: (token) => verifier.verify(token, VERIFY_OPTIONS),
  }
}

/**
 * Cached, but through `authenticate()` with the whole `Authorization` header, made into a new string on every call
 * from its bytes, as Node's HTTP parser does: what an adapter pays per request for a token it has seen (header
 * parsing, and hashing a token string the cache has not seen as an object before).
 */
function headerCase(context: CaseContext, jwks: JwksSource): MicroCase {
  const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks })
  const headers = context.tokens.map((token) => Buffer.from(`Bearer ${token}`, 'latin1'))
  return {
    id: 'core-cached-header',
    name: '@m2m-guard/core cached, via `authenticate(header)`, header a new string per call, 1 in flight',
    inFlight: 1,
    verify: (token) => verifier.authenticate(`Bearer ${token}`, VERIFY_OPTIONS),
    op: (index) => verifier.authenticate(headers[index]!.toString('latin1'), VERIFY_OPTIONS),
  }
}

/**
 * Our core, configured as `createStytchVerifier` users do, keys from `jwks` (no HTTP), `read:users` required on
 * every call. Variants: first-seen (every call a token-cache miss) and cached (every call a hit), one in flight and
 * 64 in flight, and the WebCrypto path.
 *
 * @param context - The benchmark tokens.
 * @param jwks - The in-memory key source.
 * @returns The cases.
 */
export function coreCases(context: CaseContext, jwks: JwksSource): MicroCase[] {
  // An LRU half the size of the token set, fed the tokens in order, evicts each token before it comes back:
  // every call is a miss that also pays for inserting into (and evicting from) the cache.
  const missingCache = { max: Math.max(1, Math.floor(context.tokens.length / 2)) }
  return [
    coreCase('core-first-seen', '@m2m-guard/core first-seen (token cache off), 1 in flight', 1, {
      jwks,
      tokenCache: false,
    }),
    coreCase('core-first-seen-64', '@m2m-guard/core first-seen (token cache off), 64 in flight', 64, {
      jwks,
      tokenCache: false,
    }),
    coreCase('core-first-seen-cache-on', '@m2m-guard/core first-seen (cache on, every call a miss), 1 in flight', 1, {
      jwks,
      tokenCache: missingCache,
    }),
    coreCase('core-cached', '@m2m-guard/core cached (hit; time + scope checks), 1 in flight', 1, { jwks }),
    headerCase(context, jwks),
    coreCase('core-cached-64', '@m2m-guard/core cached (hit; time + scope checks), 64 in flight', 64, { jwks }),
    coreCase('core-webcrypto', "@m2m-guard/core first-seen, `crypto: 'webcrypto'`, 1 in flight", 1, {
      jwks,
      tokenCache: false,
      crypto: 'webcrypto',
    }),
  ]
}
