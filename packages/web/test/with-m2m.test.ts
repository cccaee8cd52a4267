import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  authenticateRequest,
  createM2M,
  createStytchVerifier,
  errorResponse,
  type M2MAuth,
  M2MAuthError,
  withM2M,
} from '../src/index.js'

let issuer: TestIssuer
let stytch: { projectId: string; baseUrl: string }
let close: () => Promise<void>
beforeAll(async () => {
  issuer = await createTestIssuer()
  const server = await issuer.listen()
  stytch = { projectId: issuer.projectId, baseUrl: server.url }
  close = () => server.close()
})
afterAll(() => close())

const request = (authorization?: string, init: RequestInit = {}): Request =>
  new Request('https://api.example/x', {
    ...init,
    headers: { ...(authorization === undefined ? {} : { authorization }), ...(init.headers as object) },
  })
const PREFLIGHT = { origin: 'https://app.example', 'access-control-request-method': 'GET' }

describe('withM2M', () => {
  it('hands the handler the verified caller and passes the runtime arguments through', async () => {
    const token = await issuer.mint({ clientId: 'm2m-client-test-w', scopes: ['read:users'] })
    const seen: unknown[] = []
    const handler = withM2M((req: Request, auth, env: { name: string }, ctx: number) => {
      seen.push(req.url, auth.clientId, Object.isFrozen(auth), env.name, ctx)
      return new Response('ok')
    }, stytch)
    const response = await handler(request(`Bearer ${token}`), { name: 'env' }, 7)
    expect(response.status).toBe(200)
    expect(seen).toEqual(['https://api.example/x', 'm2m-client-test-w', true, 'env', 7])
  })

  it('answers a token verified before in the same tick (no promise), and fetches the JWKS once', async () => {
    const before = issuer.counters.jwks
    const token = await issuer.mint({ scopes: [] })
    const handler = withM2M(() => new Response('ok'), stytch)
    await handler(request(`Bearer ${token}`))
    const second = handler(request(`Bearer ${token}`))
    expect(second).toBeInstanceOf(Response)
    expect(issuer.counters.jwks - before).toBe(1)
  })

  it('answers failures with the RFC 6750 response of the Node adapters, with the realm', async () => {
    const handler = withM2M(() => new Response('ok'), { ...stytch, realm: 'billing', requiredScopes: ['admin:*'] })
    const missing = await handler(request())
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="billing"')
    expect(missing.headers.get('cache-control')).toBe('no-store')
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await missing.json()).toEqual({ error: 'unauthorized', error_description: expect.any(String) })
    const scoped = await handler(request(`Bearer ${await issuer.mint({ scopes: ['read:users'] })}`))
    expect(scoped.status).toBe(403)
    expect(scoped.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="billing", error="insufficient_scope".*scope="admin:\*"$/,
    )
  })

  it('refuses two Authorization headers joined by Headers (400)', async () => {
    const token = await issuer.mint({ scopes: [] })
    const headers = new Headers()
    headers.append('authorization', `Bearer ${token}`)
    headers.append('authorization', `Bearer ${token}`)
    const response = await withM2M(() => new Response('ok'), stytch)(new Request('https://api.example/', { headers }))
    expect(response.status).toBe(400)
  })

  it('sends a CORS preflight to `preflight`, or answers it 204 without running the handler', async () => {
    let ran = false
    const handler = (): Response => {
      ran = true
      return new Response('handler')
    }
    const plain = await withM2M(handler, stytch)(request(undefined, { method: 'OPTIONS', headers: PREFLIGHT }))
    expect(plain.status).toBe(204)
    const cors = withM2M(handler, { ...stytch, preflight: () => new Response('cors', { status: 200 }) })
    const answered = await cors(request(undefined, { method: 'OPTIONS', headers: PREFLIGHT }))
    expect(await answered.text()).toBe('cors')
    expect(ran).toBe(false)
    // A plain OPTIONS is authenticated.
    expect((await cors(request(undefined, { method: 'OPTIONS' }))).status).toBe(401)
  })

  it('rethrows what is not a token failure (a bug), never answering it as a 401', async () => {
    const verifier = { authenticate: () => Promise.reject(new Error('bug')) } as unknown as ReturnType<
      typeof createStytchVerifier
    >
    const handler = withM2M(() => new Response('ok'), { verifier })
    await expect(handler(request('Bearer abc'))).rejects.toThrow('bug')
  })

  it('refuses misuse at wrap time, naming the option', () => {
    const ok = () => new Response('ok')
    expect(() => withM2M(ok, { ...stytch, errorHandling: 'delegate' } as never)).toThrow(/option "errorHandling"/)
    expect(() => withM2M('x' as never, stytch)).toThrow(/option "handler" must be a function/)
    expect(() => withM2M(ok, { ...stytch, preflight: 1 } as never)).toThrow(/option "preflight" must be a function/)
    expect(() => withM2M(ok, { ...stytch, requireScopes: ['a'] } as never)).toThrow(TypeError)
    expect(() => createM2M(stytch).withM2M(ok, { requireScopes: ['a'] } as never)).toThrow(/"route\.requireScopes"/)
  })
})

describe('createM2M', () => {
  it('shares one verifier between handlers and adds per-route requirements', async () => {
    const before = issuer.counters.jwks
    const m2m = createM2M(stytch)
    const read = m2m.withM2M((_r, auth) => Response.json(auth.scopes), { requiredScopes: ['read:users'] })
    const write = m2m.withM2M((_r, auth) => Response.json(auth.scopes), { requiredScopes: ['write:users'] })
    const token = `Bearer ${await issuer.mint({ scopes: ['read:users'] })}`
    expect((await read(request(token))).status).toBe(200)
    expect((await write(request(token))).status).toBe(403)
    expect(issuer.counters.jwks - before).toBe(1)
  })

  it('authenticateRequest resolves the caller and rejects with coded errors, preflights included', async () => {
    const m2m = createM2M(stytch)
    const token = await issuer.mint({ clientId: 'm2m-client-test-r', scopes: [] })
    const auth: M2MAuth = await m2m.authenticateRequest(request(`Bearer ${token}`))
    expect(auth.clientId).toBe('m2m-client-test-r')
    await expect(m2m.authenticateRequest(request())).rejects.toMatchObject({ code: 'ERR_MISSING_TOKEN' })
    await expect(
      m2m.authenticateRequest(request(undefined, { method: 'OPTIONS', headers: PREFLIGHT })),
    ).rejects.toMatchObject({ code: 'ERR_MISSING_TOKEN' })
    expect(await createM2M({ ...stytch, required: false }).authenticateRequest(request())).toBeNull()
  })
})

describe('cold starts', () => {
  it('a verifier seeded with a snapshot of another one answers without fetching the JWKS', async () => {
    const token = `Bearer ${await issuer.mint({ scopes: [] })}`
    const warm = createStytchVerifier(stytch)
    await warm.jwks.warm()
    const stored = JSON.stringify(warm.jwks.snapshot?.())
    const before = issuer.counters.jwks
    const handler = withM2M(() => new Response('ok'), { ...stytch, jwks: { initial: JSON.parse(stored) } })
    expect((await handler(request(token))).status).toBe(200)
    expect(issuer.counters.jwks).toBe(before)
  })
})

describe('authenticateRequest and errorResponse', () => {
  it('authenticates against a verifier and renders the rejection', async () => {
    const verifier = createStytchVerifier(stytch)
    const options = { verifier, requiredScopes: ['write:users'] }
    const token = `Bearer ${await issuer.mint({ scopes: ['read:users'] })}`
    const error = await authenticateRequest(request(token), options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(M2MAuthError)
    expect(error).toMatchObject({ code: 'ERR_INSUFFICIENT_SCOPE', status: 403 })
    const response = errorResponse(error, { realm: 'orders' })
    expect(response?.status).toBe(403)
    expect(response?.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders", error="insufficient_scope"/)
    expect(errorResponse(new Error('bug'))).toBeUndefined()
  })

  it('refuses Stytch options (a verifier per call) and a realm, naming the option', async () => {
    await expect(async () => authenticateRequest(request(), { ...stytch } as never)).rejects.toThrow(TypeError)
    const verifier = createStytchVerifier(stytch)
    await expect(async () => authenticateRequest(request(), { verifier, realm: 'x' } as never)).rejects.toThrow(
      /option "realm"/,
    )
  })
})
