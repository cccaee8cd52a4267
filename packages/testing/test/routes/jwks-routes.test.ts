import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'
import { json, send } from '../support/requests.js'

let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer()
})

describe('JWKS routes', () => {
  it.each([
    ['consumer', () => `/v1/sessions/jwks/${issuer.projectId}`],
    ['B2B', () => `/v1/b2b/sessions/jwks/${issuer.projectId}`],
    ['well-known', () => '/.well-known/jwks.json'],
  ])('serves the %s JWKS without credentials, in Stytch’s shape, cacheable', async (_name, path) => {
    const response = await send(issuer, 'GET', path())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('cache-control')).toBe('public, max-age=900')
    const body = await json(response)
    expect(body).toEqual({
      status_code: 200,
      request_id: expect.stringMatching(/^request-id-test-/),
      keys: issuer.jwks().keys,
    })
  })

  it('answers 404 in Stytch’s error shape for another project id', async () => {
    const response = await send(issuer, 'GET', '/v1/sessions/jwks/project-test-other')
    expect(response.status).toBe(404)
    expect(await json(response)).toEqual({
      status_code: 404,
      request_id: expect.any(String),
      error_type: 'project_not_found',
      error_message: expect.any(String),
      error_url: 'https://stytch.com/docs/api/errors/404',
    })
  })

  it('publishes rotated keys and drops retired ones', async () => {
    const local = await createTestIssuer()
    const first = local.currentKid
    const second = await local.rotateKeys()
    const kids = async () =>
      ((await json(await send(local, 'GET', '/.well-known/jwks.json'))).keys as { kid: string }[]).map((k) => k.kid)
    expect(await kids()).toEqual([first, second])
    local.retireKey(first)
    expect(await kids()).toEqual([second])
  })
})
