import { createTokenSource, type GetTokenOptions, type TokenSourceOptions } from '@m2m-guard/client'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { CLIENT_ID, PROJECT_ID, SECRET, tokenResponse, useMsw } from './helpers/token-endpoint.js'

const server = useMsw()

const base: TokenSourceOptions = { projectId: PROJECT_ID, clientId: CLIENT_ID, clientSecret: SECRET }

/** The option a creation TypeError names, read from its message (the option name is the contract). */
function namedOption(options: unknown): string | undefined {
  try {
    createTokenSource(options as TokenSourceOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return /"([^"]+)"/.exec((error as Error).message)?.[1]
  }
  return undefined
}

describe('option validation', () => {
  it.each<[string, Partial<Record<keyof TokenSourceOptions | 'clientSecrets', unknown>>]>([
    ['projectId', { projectId: undefined }],
    ['projectId', { projectId: 'project/../admin' }],
    ['clientId', { clientId: '' }],
    ['clientId', { clientId: 'id with space' }],
    ['clientSecret', { clientSecret: undefined }],
    ['clientSecret', { clientSecret: 'line\nbreak' }],
    ['scopes', { scopes: 'read:users' }],
    ['scopes', { scopes: ['read:users write:users'] }],
    ['scopes', { scopes: [''] }],
    ['baseUrl', { baseUrl: 'not a url' }],
    ['baseUrl', { baseUrl: 'http://stytch.example.com' }],
    ['baseUrl', { baseUrl: 'https://user:pass@stytch.example.com' }],
    ['baseUrl', { baseUrl: 'https://stytch.example.com/?q=1' }],
    ['baseUrl', { baseUrl: 'ftp://127.0.0.1' }],
    ['customDomain', { customDomain: 'http://login.example.com' }],
    ['customDomain', { customDomain: 'https://login.example.com/path' }],
    ['customDomain', { customDomain: 'https://login.example.com', baseUrl: 'https://x.example' }],
    ['customDomain', { customDomain: 'http://foo.localhost' }],
    ['baseUrl', { baseUrl: 'http://foo.localhost' }],
    ['retry.attempts', { retry: { attempts: 3 } }],
    ['retry.maxAttempts', { retry: { maxAttempts: '3' } }],
    ['authMethod', { authMethod: 'private_key_jwt' }],
    ['refreshMargin', { refreshMargin: -1 }],
    ['expiryLeeway', { expiryLeeway: Number.NaN }],
    ['timeout', { timeout: 0 }],
    ['timeout', { timeout: '10' }],
    ['retry', { retry: 3 }],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }],
    ['retry.maxAttempts', { retry: { maxAttempts: 1.5 } }],
    ['retry.baseDelay', { retry: { baseDelay: 20, maxDelay: 10 } }],
    ['retry.random', { retry: { random: 0.5 } }],
    ['allowedOrigins', { allowedOrigins: [] }],
    ['allowedOrigins', { allowedOrigins: ['https://api.example.com/path'] }],
    ['allowedOrigins', { allowedOrigins: ['http://api.example.com'] }],
    ['allowedOrigins', { allowedOrigins: ['api.example.com'] }],
    ['dangerouslyAllowInsecureHttp', { dangerouslyAllowInsecureHttp: 'yes' }],
    ['fetch', { fetch: 'fetch' }],
    ['clock', { clock: 1 }],
    ['onEvent', { onEvent: {} }],
    ['clientSecrets', { clientSecrets: 'typo' }],
  ])('throws a TypeError naming "%s"', (option, override) => {
    expect(namedOption({ ...base, ...override })).toBe(option)
  })

  it('names an unknown option by its path and the function called, with a suggestion', () => {
    expect(() => createTokenSource({ ...base, retry: { attempts: 3 } } as TokenSourceOptions)).toThrow(
      'createTokenSource does not know the option "retry.attempts" (did you mean "retry.maxAttempts"?)',
    )
  })

  // One spelling per concept: a custom domain is an https origin, as in core's `customDomains`.
  it('refuses a custom domain written as a bare host, suggesting its https origin', () => {
    expect(() => createTokenSource({ ...base, customDomain: 'login.example.com' })).toThrow(
      'option "customDomain" must be an https origin such as "https://login.example.com"',
    )
  })

  it('refuses an unknown per-call option of getToken and authorizationHeader', async () => {
    const tokens = createTokenSource(base)
    const typo = { scope: ['read:users'] } as GetTokenOptions
    await expect(tokens.getToken(typo)).rejects.toThrow('getToken does not know the option "scope"')
    await expect(tokens.authorizationHeader(typo)).rejects.toThrow(
      'authorizationHeader does not know the option "scope"',
    )
  })

  it('never puts the secret in a TypeError', () => {
    const error = (() => {
      try {
        createTokenSource({ ...base, clientSecret: `${SECRET} x` })
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).not.toContain(SECRET)
  })

  it('requires a fetch where no global one exists', () => {
    vi.stubGlobal('fetch', undefined)
    expect(namedOption(base)).toBe('fetch')
    expect(() => createTokenSource({ ...base, fetch: async () => new Response() })).not.toThrow()
  })

  it('accepts http: to a remote baseUrl only with dangerouslyAllowInsecureHttp', () => {
    expect(() =>
      createTokenSource({ ...base, baseUrl: 'http://stytch.example.com', dangerouslyAllowInsecureHttp: true }),
    ).not.toThrow()
  })
})

describe('the token endpoint URL', () => {
  it.each([
    [
      'a test project',
      { projectId: 'project-test-abc' },
      'https://test.stytch.com/v1/public/project-test-abc/oauth2/token',
    ],
    [
      'a live project',
      { projectId: 'project-live-abc' },
      'https://api.stytch.com/v1/public/project-live-abc/oauth2/token',
    ],
    [
      'a custom domain',
      { projectId: 'project-live-abc', customDomain: 'https://login.example.com' },
      'https://login.example.com/v1/public/project-live-abc/oauth2/token',
    ],
    [
      'a custom domain given as URL',
      { projectId: 'project-live-abc', customDomain: 'https://login.example.com/' },
      'https://login.example.com/v1/public/project-live-abc/oauth2/token',
    ],
    [
      'a baseUrl with a path prefix',
      { projectId: 'project-test-abc', baseUrl: 'https://proxy.example.com/stytch/' },
      'https://proxy.example.com/stytch/v1/public/project-test-abc/oauth2/token',
    ],
    [
      'a loopback http: baseUrl',
      { projectId: 'project-test-abc', baseUrl: new URL('http://127.0.0.1:4010') },
      'http://127.0.0.1:4010/v1/public/project-test-abc/oauth2/token',
    ],
  ])('is derived from %s', async (_, options, url) => {
    let hits = 0
    server.use(
      http.post(url, () => {
        hits++
        return tokenResponse('ok')
      }),
    )
    const tokens = createTokenSource({ ...base, ...options })
    expect(tokens.toJSON().tokenUrl).toBe(url)
    expect(await tokens.getToken()).toBe('ok')
    expect(hits).toBe(1)
  })
})

describe('the source', () => {
  it('exposes the client id and the normalized default scopes', () => {
    const tokens = createTokenSource({ ...base, scopes: ['b', 'a', 'b'] })
    expect(tokens.clientId).toBe(CLIENT_ID)
    expect(tokens.scopes).toEqual(['a', 'b'])
  })

  it('uses an injected fetch for token requests', async () => {
    const fetch = vi.fn(async () =>
      HttpResponse.json({ access_token: 'injected', token_type: 'bearer', expires_in: 60 }),
    )
    expect(await createTokenSource({ ...base, fetch }).getToken()).toBe('injected')
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('refuses per-call scopes that are malformed with a TypeError', async () => {
    const tokens = createTokenSource(base)
    await expect(tokens.getToken({ scopes: ['two scopes'] })).rejects.toBeInstanceOf(TypeError)
  })

  it('ignores an onEvent hook that throws', async () => {
    server.use(http.post(/oauth2\/token$/, () => tokenResponse('ok')))
    const tokens = createTokenSource({
      ...base,
      onEvent: () => {
        throw new Error('logger down')
      },
    })
    expect(await tokens.getToken()).toBe('ok')
  })
})
