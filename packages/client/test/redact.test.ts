import { inspect } from 'node:util'
import { createTokenSource, M2MClientError, type TokenSourceEvent } from '@m2m-guard/client'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { createRedactor } from '../src/redact.js'
import { CLIENT_ID, PROJECT_ID, SECRET, TOKEN_URL, tokenResponse, useMsw } from './helpers/token-endpoint.js'

const server = useMsw()

const NEXT_SECRET = 'n3xt+secret/=='
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtMm0ifQ.c2lnbmF0dXJl'

/** Every form a secret could leak in. */
const forms = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  new URLSearchParams({ s: secret }).toString().slice(2),
  btoa(secret),
]

/** Everything a logger could print of a value: String, JSON, and inspect with and without custom inspection. */
function renderings(value: unknown): string {
  return [
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, customInspect: false }),
  ].join('\n')
}

function expectNoSecrets(value: unknown): void {
  const text = renderings(value)
  for (const secret of [SECRET, NEXT_SECRET]) {
    for (const form of forms(secret)) expect(text).not.toContain(form)
  }
  expect(text).not.toContain(ACCESS_TOKEN)
}

/** A fetch that fails the way a careless implementation might: with the whole request body in the message. */
const leakyFetch: typeof fetch = async (_input, init) => {
  const body = String(init?.body)
  const inner = Object.assign(new Error(`socket hang up while sending ${body}`), { code: 'ECONNRESET', body })
  throw new TypeError(`fetch failed: ${body}`, { cause: inner })
}

describe('the token source', () => {
  it('describes itself without the secret in String, JSON and inspect', () => {
    const tokens = createTokenSource({ projectId: PROJECT_ID, clientId: CLIENT_ID, clientSecret: SECRET })
    tokens.updateSecret(NEXT_SECRET)
    expectNoSecrets(tokens)
    expect(tokens.toJSON()).toMatchObject({ clientId: CLIENT_ID, clientSecret: '[REDACTED]' })
    expect(inspect(tokens)).toContain(CLIENT_ID)
  })
})

describe('errors and events', () => {
  it('never carry a secret or token, whatever the failure', async () => {
    const events: TokenSourceEvent[] = []
    const errors: unknown[] = []
    const capture = async (promise: Promise<unknown>): Promise<void> => {
      errors.push(
        await promise.then(
          () => new Error('expected a failure'),
          (error: unknown) => error,
        ),
      )
    }
    const make = (extra = {}) =>
      createTokenSource({
        projectId: PROJECT_ID,
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        retry: { maxAttempts: 1 },
        allowedOrigins: ['https://api.example.com'],
        onEvent: (event) => events.push(event),
        ...extra,
      })

    // A server that echoes the secret back in its error description.
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json({ error: 'invalid_client', error_description: `bad secret ${SECRET}` }, { status: 401 }),
      ),
    )
    await capture(make().getToken())
    // A network failure whose error text quotes the request body, before and after a secret update.
    const leaky = make({ fetch: leakyFetch })
    await capture(leaky.getToken())
    leaky.updateSecret(NEXT_SECRET)
    await capture(leaky.getToken())
    await capture(make({ fetch: leakyFetch, authMethod: 'client_secret_basic' }).getToken())
    // Server errors, invalid responses, timeouts.
    server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'server_error' }, { status: 500 })))
    await capture(make().getToken())
    server.use(
      http.post(TOKEN_URL, () => HttpResponse.json({ access_token: ACCESS_TOKEN, token_type: 'mac', expires_in: 60 })),
    )
    await capture(make().getToken())
    await capture(make({ timeout: 0.001, fetch: () => new Promise<Response>(() => undefined) }).getToken())
    // tokens.fetch refusals, with a cached token present.
    server.use(http.post(TOKEN_URL, () => tokenResponse(ACCESS_TOKEN)))
    const holding = make()
    await holding.getToken()
    await capture(holding.fetch('https://evil.example/'))
    await capture(holding.fetch('http://api.example.com/'))
    holding.close()
    await capture(holding.getToken())

    expect(errors.map((error) => (error as M2MClientError).code)).toEqual([
      'ERR_TOKEN_REQUEST_REJECTED',
      'ERR_TOKEN_REQUEST_FAILED',
      'ERR_TOKEN_REQUEST_FAILED',
      'ERR_TOKEN_REQUEST_FAILED',
      'ERR_TOKEN_REQUEST_FAILED',
      'ERR_TOKEN_RESPONSE_INVALID',
      'ERR_TIMEOUT',
      'ERR_ORIGIN_NOT_ALLOWED',
      'ERR_INSECURE_URL',
      'ERR_SOURCE_CLOSED',
    ])
    for (const error of errors) {
      expect(error).toBeInstanceOf(M2MClientError)
      expectNoSecrets(error)
    }
    expect(events.length).toBeGreaterThan(10)
    expectNoSecrets(events)
  })

  it('keep the useful parts of a scrubbed cause: name, code and the text around the secret', async () => {
    const tokens = createTokenSource({
      projectId: PROJECT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      retry: { maxAttempts: 1 },
      fetch: leakyFetch,
    })
    const error = (await tokens.getToken().catch((caught: unknown) => caught)) as Error
    const cause = error.cause as Error & { cause: Error & { code: string } }
    expect(cause.name).toBe('TypeError')
    expect(cause.message).toContain('client_secret=[REDACTED]')
    expect(cause.cause.code).toBe('ECONNRESET')
    expect(cause.cause).not.toHaveProperty('body')
  })

  it('keep a cause that mentions no secret as it is', async () => {
    const original = new TypeError('fetch failed')
    const tokens = createTokenSource({
      projectId: PROJECT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      retry: { maxAttempts: 1 },
      fetch: () => Promise.reject(original),
    })
    const error = (await tokens.getToken().catch((caught: unknown) => caught)) as Error
    expect(error.cause).toBe(original)
  })
})

describe('errors with client_secret_basic (issue 11, finding 8)', () => {
  /** Every form the Basic credentials could leak in, computed here independently of the source. */
  const basicForms = (secret: string): string[] => {
    const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+')
    const basic = btoa(`${formEncode(CLIENT_ID)}:${formEncode(secret)}`)
    const unencoded = btoa(`${CLIENT_ID}:${secret}`)
    return [
      ...forms(secret),
      basic,
      basic.replace(/=+$/, ''),
      encodeURIComponent(basic),
      unencoded,
      unencoded.replace(/=+$/, ''),
      encodeURIComponent(unencoded),
    ]
  }

  const authorizationOf = (init: RequestInit | undefined): string =>
    new Headers(init?.headers).get('authorization') ?? ''

  /** Fetches that fail the ways real clients and wrappers do, carrying the request headers with them. */
  const leakyFetches: Record<string, typeof fetch> = {
    'a plain headers object in the cause': async (_input, init) => {
      const headers: Record<string, string> = {}
      new Headers(init?.headers).forEach((value, name) => {
        headers[name] = value
      })
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('ECONNRESET'), { headers }) })
    },
    'a Headers instance in the cause': async (_input, init) => {
      throw new TypeError('fetch failed', { cause: { headers: new Headers(init?.headers) } })
    },
    'the header in the message': async (_input, init) => {
      throw new Error(`request failed; authorization: ${authorizationOf(init)}`)
    },
    'a percent-encoded header in the message': async (_input, init) => {
      throw new Error(`GET /log?auth=${encodeURIComponent(authorizationOf(init))}`)
    },
    'an enumerable config field (axios style)': async (_input, init) => {
      throw Object.assign(new Error('Network Error'), {
        config: { headers: { Authorization: authorizationOf(init) } },
      })
    },
    'a non-enumerable field': async (_input, init) => {
      const error = new Error('fetch failed')
      Object.defineProperty(error, 'request', { value: { authorization: authorizationOf(init) }, enumerable: false })
      throw error
    },
  }

  it.each(Object.entries(leakyFetches))('carry no form of the secret with %s', async (_name, leakyFetch) => {
    const tokens = createTokenSource({
      projectId: PROJECT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      authMethod: 'client_secret_basic',
      retry: { maxAttempts: 1 },
      fetch: leakyFetch,
    })
    const error = (await tokens.getToken().catch((caught: unknown) => caught)) as M2MClientError
    expect(error.code).toBe('ERR_TOKEN_REQUEST_FAILED')
    expect(error.cause).toBeDefined()
    const text = renderings(error)
    for (const form of basicForms(SECRET)) expect(text).not.toContain(form)
  })

  it('carry no form of a secret set with updateSecret', async () => {
    const tokens = createTokenSource({
      projectId: PROJECT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      authMethod: 'client_secret_basic',
      retry: { maxAttempts: 1 },
      fetch: leakyFetches['a plain headers object in the cause'],
    })
    tokens.updateSecret(NEXT_SECRET)
    const error = await tokens.getToken().catch((caught: unknown) => caught)
    const text = renderings(error)
    for (const form of basicForms(NEXT_SECRET)) expect(text).not.toContain(form)
  })
})

describe('createRedactor', () => {
  it('replaces the Basic credentials of the client id and every added secret', () => {
    const redactor = createRedactor('id 1')
    redactor.add('a b+c')
    // RFC 6749 §2.3.1: 'id+1:a+b%2Bc' before base64.
    const basic = btoa('id+1:a+b%2Bc')
    expect(redactor.text(`authorization: Basic ${basic}`)).toBe('authorization: Basic [REDACTED]')
    expect(redactor.text(`x=Basic%20${encodeURIComponent(basic)}`)).toBe('x=Basic%20[REDACTED]')
  })

  it('treats objects it cannot look into, such as Headers, as mentioning a secret', () => {
    const redactor = createRedactor()
    redactor.add('s3cret')
    const error = new Error('boom', { cause: { headers: new Headers({ 'x-any': 'value' }) } })
    const clean = redactor.error(error) as Error
    expect(clean).not.toBe(error)
    expect(clean.cause).toBe('[REDACTED]')
  })

  it('replaces the raw, URI-encoded and form-encoded forms of every added secret', () => {
    const redactor = createRedactor()
    redactor.add('a b+c')
    redactor.add('other')
    expect(redactor.text('x a b+c y a%20b%2Bc z a+b%2Bc other')).toBe(
      'x [REDACTED] y [REDACTED] z [REDACTED] [REDACTED]',
    )
  })

  it('finds a secret nested in a plain object property of an error', () => {
    const redactor = createRedactor()
    redactor.add('s3cret')
    const error = Object.assign(new Error('boom'), { request: { body: 'client_secret=s3cret' } })
    const clean = redactor.error(error) as Error
    expect(clean).not.toBe(error)
    expect(clean.message).toBe('boom')
    expect(inspect(clean, { showHidden: true, depth: 10 })).not.toContain('s3cret')
  })

  it('turns a non-error cause that mentions a secret into a redacted string', () => {
    const redactor = createRedactor()
    redactor.add('s3cret')
    expect(redactor.error('oops s3cret')).toBe('oops [REDACTED]')
    expect(redactor.error({ secret: 's3cret' })).toBe('[REDACTED]')
  })
})
