import { beforeEach, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../src/index.js'
import { api, json, requestToken, send } from './support/requests.js'

let issuer: TestIssuer

beforeEach(async () => {
  issuer ??= await createTestIssuer()
  issuer.resetCounters()
  issuer.faults.reset()
})

describe('engine', () => {
  it('answers unknown paths with 404 and known paths with a wrong method with 405 and Allow', async () => {
    const missing = await send(issuer, 'GET', '/v1/users')
    expect(missing.status).toBe(404)
    expect((await json(missing)).error_type).toBe('route_not_found')
    const wrongMethod = await send(issuer, 'DELETE', '/.well-known/jwks.json')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET')
  })

  it('counts hits per endpoint group, including refused and faulted ones', async () => {
    await send(issuer, 'GET', `/v1/sessions/jwks/${issuer.projectId}`)
    await send(issuer, 'GET', '/.well-known/jwks.json')
    await requestToken(issuer, { grant_type: 'client_credentials' })
    await send(issuer, 'GET', '/v1/m2m/clients/x')
    issuer.faults.api('error')
    await api(issuer, 'POST', '/v1/m2m/clients/search', {})
    await send(issuer, 'GET', '/unknown')
    expect(issuer.counters).toEqual({ jwks: 2, token: 1, api: 2 })
  })

  it('exposes live counters and resets them', async () => {
    const { counters } = issuer
    await send(issuer, 'GET', '/.well-known/jwks.json')
    expect(counters.jwks).toBe(1)
    issuer.resetCounters()
    expect(counters).toEqual({ jwks: 0, token: 0, api: 0 })
  })

  it('turns an exception inside a route into a 500 in the endpoint’s error shape', async () => {
    const failing = await createTestIssuer({
      customClaims: () => {
        throw new Error('template exploded')
      },
    })
    const { client, clientSecret } = await failing.clients.create({ scopes: [] })
    const response = await requestToken(failing, {
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: clientSecret,
    })
    expect(response.status).toBe(500)
    expect(await json(response)).toMatchObject({ error: 'server_error', status_code: 500 })
  })

  it('gives every response a fresh request id', async () => {
    const first = await json(await send(issuer, 'GET', '/.well-known/jwks.json'))
    const second = await json(await send(issuer, 'GET', '/.well-known/jwks.json'))
    expect(first.request_id).not.toBe(second.request_id)
  })
})
