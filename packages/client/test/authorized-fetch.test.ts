import type { TokenSourceOptions } from '@m2m-guard/client'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { fakeStytch } from './helpers/fake-stytch.js'
import { API, useMsw } from './helpers/token-endpoint.js'

const server = useMsw()

const INVALID_TOKEN = { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="expired"' }

/** What the resource server saw. */
interface Hit {
  authorization: string | null
  body: string
  contentType: string | null
  custom: string | null
}

/** A resource server on {@link API} answering from `answers` in turn (the last repeats), 200 by default. */
function resourceServer(answers: (() => Response)[] = []) {
  const hits: Hit[] = []
  server.use(
    http.all(`${API}/*`, async ({ request }) => {
      hits.push({
        authorization: request.headers.get('authorization'),
        body: await request.text(),
        contentType: request.headers.get('content-type'),
        custom: request.headers.get('x-custom'),
      })
      const answer = answers[Math.min(hits.length, answers.length) - 1]
      return answer === undefined ? HttpResponse.json({ ok: true }) : answer()
    }),
  )
  return hits
}

function setup(source: Partial<TokenSourceOptions> = {}) {
  // Each mint one second later, so every token differs (iat is in seconds).
  let now = Date.now()
  return fakeStytch(server, { clock: () => (now += 1000), source })
}

const unauthorized =
  (headers: Record<string, string> = INVALID_TOKEN) =>
  () =>
    HttpResponse.json({ error: 'invalid_token' }, { status: 401, headers })

describe('attaching the token', () => {
  it('sends Authorization: Bearer with the cached token and keeps the other headers', async () => {
    const { tokens } = await setup()
    const hits = resourceServer()
    const response = await tokens.fetch(`${API}/users`, { headers: { 'x-custom': 'yes' } })
    expect(response.status).toBe(200)
    expect(hits[0]?.authorization).toBe(`Bearer ${await tokens.getToken()}`)
    expect(hits[0]?.custom).toBe('yes')
  })

  it('keeps the headers of a Headers object in init', async () => {
    const { tokens } = await setup()
    const hits = resourceServer()
    await tokens.fetch(`${API}/users`, { headers: new Headers({ 'x-custom': 'from-headers' }) })
    expect(hits[0]).toMatchObject({ custom: 'from-headers', authorization: await tokens.authorizationHeader() })
  })

  it('replaces an Authorization header the caller set', async () => {
    const { tokens } = await setup()
    const hits = resourceServer()
    await tokens.fetch(`${API}/users`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })
    expect(hits[0]?.authorization).toBe(await tokens.authorizationHeader())
  })

  it('keeps the headers and body of a Request object', async () => {
    const { tokens } = await setup()
    const hits = resourceServer()
    const request = new Request(`${API}/users`, { method: 'POST', body: '{"a":1}', headers: { 'x-custom': 'req' } })
    await tokens.fetch(request)
    expect(hits[0]).toMatchObject({ custom: 'req', body: '{"a":1}', authorization: await tokens.authorizationHeader() })
  })

  it('works when detached from the source, as a fetch implementation', async () => {
    const { tokens } = await setup()
    const hits = resourceServer()
    const { fetch: authorizedFetch } = tokens
    await authorizedFetch(new URL(`${API}/users`))
    expect(hits[0]?.authorization).toMatch(/^Bearer /)
  })

  it('shares the cached token across calls', async () => {
    const { issuer, tokens } = await setup()
    resourceServer()
    await Promise.all(Array.from({ length: 20 }, () => tokens.fetch(`${API}/users`)))
    expect(issuer.counters.token).toBe(1)
  })

  it('refuses a relative URL outside a browser, like fetch', async () => {
    const { tokens } = await setup()
    await expect(tokens.fetch('/users')).rejects.toBeInstanceOf(TypeError)
  })
})

describe('the 401 invalid_token retry', () => {
  it('drops the token and repeats the request once with a fresh one', async () => {
    const { issuer, tokens, log } = await setup()
    const hits = resourceServer([unauthorized(), () => HttpResponse.json({ ok: true })])
    const response = await tokens.fetch(`${API}/users`)
    expect(response.status).toBe(200)
    expect(hits).toHaveLength(2)
    expect(issuer.counters.token).toBe(2)
    expect(hits[1]?.authorization).not.toBe(hits[0]?.authorization)
    expect(hits[1]?.authorization).toBe(await tokens.authorizationHeader())
    expect(log.ofType('resource-retry')).toEqual([{ type: 'resource-retry', origin: API }])
  })

  it('returns the second 401 as is: one retry only', async () => {
    const { issuer, tokens } = await setup()
    const hits = resourceServer([unauthorized()])
    const response = await tokens.fetch(`${API}/users`)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe(INVALID_TOKEN['www-authenticate'])
    expect(hits).toHaveLength(2)
    expect(issuer.counters.token).toBe(2)
  })

  it.each([
    ['403 insufficient_scope', 403, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="write:users"' }],
    ['403 even with invalid_token', 403, INVALID_TOKEN],
    ['401 without a challenge', 401, {}],
    ['401 invalid_request', 401, { 'www-authenticate': 'Bearer error="invalid_request"' }],
    ['401 Basic invalid_token', 401, { 'www-authenticate': 'Basic realm="x", error="invalid_token"' }],
    [
      '401 with invalid_token only in the description',
      401,
      { 'www-authenticate': 'Bearer error_description="error=invalid_token"' },
    ],
  ])('does not retry on %s', async (_, status, headers) => {
    const { issuer, tokens } = await setup()
    const hits = resourceServer([() => new HttpResponse(null, { status, headers })])
    const response = await tokens.fetch(`${API}/users`)
    expect(response.status).toBe(status)
    expect(hits).toHaveLength(1)
    expect(issuer.counters.token).toBe(1)
  })

  it('refreshes once for many requests that hit 401 together', async () => {
    const { issuer, tokens } = await setup()
    const stale = await tokens.authorizationHeader()
    server.use(
      http.all(`${API}/*`, ({ request }) =>
        request.headers.get('authorization') === stale ? unauthorized()() : HttpResponse.json({ ok: true }),
      ),
    )
    const responses = await Promise.all(Array.from({ length: 10 }, () => tokens.fetch(`${API}/users`)))
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200))
    expect(issuer.counters.token).toBe(2)
  })

  it('replays a string body', async () => {
    const { tokens } = await setup()
    const hits = resourceServer([unauthorized(), () => HttpResponse.json({ ok: true })])
    await tokens.fetch(`${API}/users`, { method: 'POST', body: 'name=ada', headers: { 'content-type': 'text/plain' } })
    expect(hits.map((hit) => [hit.body, hit.contentType])).toEqual([
      ['name=ada', 'text/plain'],
      ['name=ada', 'text/plain'],
    ])
  })

  it('replays the body of a Request object through a clone made before the first send', async () => {
    const { tokens } = await setup()
    const hits = resourceServer([unauthorized(), () => HttpResponse.json({ ok: true })])
    const request = new Request(`${API}/users`, { method: 'PUT', body: JSON.stringify({ id: 7 }) })
    const response = await tokens.fetch(request)
    expect(response.status).toBe(200)
    expect(hits.map((hit) => hit.body)).toEqual(['{"id":7}', '{"id":7}'])
  })

  it('does not replay a ReadableStream body: the 401 is returned', async () => {
    const { tokens } = await setup()
    const hits = resourceServer([unauthorized(), () => HttpResponse.json({ ok: true })])
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'))
        controller.close()
      },
    })
    const init = { method: 'POST', body, duplex: 'half' } as RequestInit
    const response = await tokens.fetch(`${API}/upload`, init)
    expect(response.status).toBe(401)
    expect(hits.map((hit) => hit.body)).toEqual(['streamed'])
  })
})

describe('where the token may go', () => {
  it('sends to an origin in allowedOrigins', async () => {
    const { tokens } = await setup({ allowedOrigins: ['https://other.example', `${API}/`] })
    const hits = resourceServer()
    await tokens.fetch(`${API}/users`)
    expect(hits).toHaveLength(1)
  })

  it.each([
    ['another host', 'https://evil.example/users', 'https://evil.example'],
    ['a look-alike host', 'https://api.example.com.evil.example/x', 'https://api.example.com.evil.example'],
    ['another port', 'https://api.example.com:8443/users', 'https://api.example.com:8443'],
    ['a subdomain', 'https://eu.api.example.com/users', 'https://eu.api.example.com'],
  ])('refuses %s outside allowedOrigins before requesting a token', async (_, url, origin) => {
    const { issuer, tokens } = await setup({ allowedOrigins: [API] })
    await expect(tokens.fetch(url)).rejects.toMatchObject({ code: 'ERR_ORIGIN_NOT_ALLOWED', origin })
    await expect(tokens.fetch(new Request(url))).rejects.toMatchObject({ code: 'ERR_ORIGIN_NOT_ALLOWED' })
    expect(issuer.counters.token).toBe(0)
  })

  it('refuses http: to a remote host, even when allowed otherwise', async () => {
    const { issuer, tokens } = await setup()
    await expect(tokens.fetch('http://api.example.com/users')).rejects.toMatchObject({
      code: 'ERR_INSECURE_URL',
      origin: 'http://api.example.com',
    })
    expect(issuer.counters.token).toBe(0)
  })

  it.each(['data:text/plain,hi', 'file:///etc/passwd'])('refuses the non-HTTP URL %s', async (url) => {
    const { tokens } = await setup()
    await expect(tokens.fetch(url)).rejects.toMatchObject({ code: 'ERR_INSECURE_URL' })
  })

  it('sends over http: to loopback, and to remote hosts only with dangerouslyAllowInsecureHttp', async () => {
    const seen: string[] = []
    server.use(
      http.get('http://127.0.0.1:8080/x', () => {
        seen.push('loopback')
        return HttpResponse.json({})
      }),
      http.get('http://api.example.com/x', () => {
        seen.push('remote')
        return HttpResponse.json({})
      }),
    )
    const { tokens } = await setup()
    await tokens.fetch('http://127.0.0.1:8080/x')
    const { tokens: insecure } = await setup({ dangerouslyAllowInsecureHttp: true })
    await insecure.fetch('http://api.example.com/x')
    expect(seen).toEqual(['loopback', 'remote'])
  })

  it('passes the abort signal of init to the request', async () => {
    const { tokens } = await setup()
    resourceServer()
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(tokens.fetch(`${API}/users`, { signal: controller.signal })).rejects.toThrow('stop')
  })
})
