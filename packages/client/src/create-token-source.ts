import { createAuthorizedFetch } from './authorized-fetch.js'
import { TokenSourceClosedError } from './errors/error-classes.js'
import type { TokenSourceEvent } from './events.js'
import type { TokenSourceOptions } from './options.js'
import { createRedactor, REDACTED } from './redact.js'
import { requestToken } from './request-token.js'
import { resolveCallScopes, resolveOptions } from './resolve-options.js'
import { createTokenCache } from './token-cache.js'
import type { GetTokenOptions, TokenSource, TokenSourceDescription } from './token-source.js'
import { word } from './validate.js'

/**
 * Creates a token source for one Stytch M2M client: exchanges the client id and secret for access tokens
 * (OAuth 2.0 client credentials, RFC 6749 §4.4), caches them per scope set, refreshes them ahead of expiry and
 * shares one request among concurrent callers. Works wherever `fetch` exists.
 *
 * @param options - Project id, client credentials, scopes and tuning; see {@link TokenSourceOptions}.
 * @returns The token source.
 * @throws {TypeError} Naming the option, when one is missing, unknown or malformed.
 * @example
 * const tokens = createTokenSource({
 *   projectId: 'project-live-…',
 *   clientId: 'm2m-client-live-…',
 *   clientSecret: secrets.stytchClientSecret,
 *   scopes: ['read:users'],
 *   allowedOrigins: ['https://users.internal.example.com'],
 * })
 * const res = await tokens.fetch('https://users.internal.example.com/v1/users')
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const resolved = resolveOptions(options)
  const redactor = createRedactor(resolved.clientId)
  redactor.add(resolved.clientSecret)
  let secret = resolved.clientSecret
  let closed = false
  const closer = new AbortController()

  const emit = (event: TokenSourceEvent): void => {
    try {
      resolved.onEvent?.(event)
    } catch {
      // A failing logger must never fail a token request.
    }
  }

  const cache = createTokenCache({
    clock: resolved.clock,
    refreshMargin: resolved.refreshMargin,
    expiryLeeway: resolved.expiryLeeway,
    emit,
    request: (scopes, background) =>
      requestToken(
        { ...resolved, redactor, closeSignal: closer.signal, currentSecret: () => secret, emit },
        scopes,
        background,
      ),
  })

  /** `getToken` under the name the caller used, which the message about an unknown per-call option names. */
  const tokenFor = async (what: string, getOptions: GetTokenOptions | undefined): Promise<string> => {
    if (closed) throw new TokenSourceClosedError()
    const scopes = resolveCallScopes(getOptions, what, resolved.scopes)
    return cache.get(scopes, getOptions?.signal)
  }
  const getToken = (getOptions?: GetTokenOptions): Promise<string> => tokenFor('getToken', getOptions)

  const description = (): TokenSourceDescription => ({
    projectId: resolved.projectId,
    clientId: resolved.clientId,
    scopes: resolved.scopes,
    tokenUrl: resolved.tokenUrl,
    clientSecret: REDACTED,
  })

  const describe = (): string =>
    `TokenSource { clientId: '${resolved.clientId}', scopes: [${resolved.scopes.join(' ')}], clientSecret: ${REDACTED} }`

  const source: TokenSource = {
    clientId: resolved.clientId,
    scopes: resolved.scopes,
    getToken,
    authorizationHeader: async (getOptions) => `Bearer ${await tokenFor('authorizationHeader', getOptions)}`,
    fetch: createAuthorizedFetch({
      getToken: (signal) => getToken({ signal }),
      invalidate: (token) => cache.invalidate(token),
      fetch: resolved.fetch,
      allowedOrigins: resolved.allowedOrigins,
      allowInsecureHttp: resolved.allowInsecureHttp,
      emit,
    }),
    updateSecret(next) {
      secret = word('secret', next)
      redactor.add(secret)
    },
    invalidate: () => cache.invalidate(),
    close() {
      closed = true
      closer.abort()
      cache.invalidate()
    },
    toJSON: description,
    toString: describe,
  }
  // Node's util.inspect and console.log call this instead of walking the object.
  Object.defineProperty(source, Symbol.for('nodejs.util.inspect.custom'), { value: describe })
  return source
}
