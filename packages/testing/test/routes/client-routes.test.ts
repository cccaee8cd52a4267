import { beforeEach, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'
import { api, basic, json, send } from '../support/requests.js'

let issuer: TestIssuer

beforeEach(async () => {
  issuer ??= await createTestIssuer()
  for (const client of issuer.clients.list()) issuer.clients.delete(client.client_id)
})

async function expectStytchError(response: Response, status: number, errorType: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(await json(response)).toEqual({
    status_code: status,
    request_id: expect.stringMatching(/^request-id-test-/),
    error_type: errorType,
    error_message: expect.any(String),
    error_url: `https://stytch.com/docs/api/errors/${status}`,
  })
}

describe('M2M client API', () => {
  it('creates a client and returns its secret once, next to the id', async () => {
    const response = await api(issuer, 'POST', '/v1/m2m/clients', { scopes: ['read:users'], client_name: 'billing' })
    expect(response.status).toBe(200)
    const body = await json(response)
    const client = body.m2m_client as Record<string, unknown>
    expect(body).toMatchObject({ status_code: 200, request_id: expect.stringMatching(/^request-id-test-/) })
    expect(Object.keys(client).slice(0, 2)).toEqual(['client_id', 'client_secret'])
    expect(client.client_secret_last_four).toBe((client.client_secret as string).slice(-4))
    const got = await json(await api(issuer, 'GET', `/v1/m2m/clients/${client.client_id}`))
    expect(got.m2m_client).not.toHaveProperty('client_secret')
    expect(got.m2m_client).toMatchObject({ client_name: 'billing', next_client_secret_last_four: null })
  })

  it('gets clients whose ids need URL encoding', async () => {
    await issuer.clients.create({ scopes: [], client_id: 'team/a b' })
    const response = await api(issuer, 'GET', `/v1/m2m/clients/${encodeURIComponent('team/a b')}`)
    expect(((await json(response)).m2m_client as { client_id: string }).client_id).toBe('team/a b')
  })

  it('answers 404 m2m_client_not_found for unknown clients on every per-client route', async () => {
    for (const [method, suffix] of [
      ['GET', ''],
      ['PUT', ''],
      ['DELETE', ''],
      ['POST', '/secrets/rotate/start'],
      ['POST', '/secrets/rotate'],
      ['POST', '/secrets/rotate/cancel'],
    ] as const) {
      await expectStytchError(
        await api(issuer, method, `/v1/m2m/clients/missing${suffix}`, method === 'GET' ? undefined : {}),
        404,
        'm2m_client_not_found',
      )
    }
  })

  it('validates create and update bodies with 400 invalid_request', async () => {
    await expectStytchError(await api(issuer, 'POST', '/v1/m2m/clients', {}), 400, 'invalid_request')
    await expectStytchError(await api(issuer, 'POST', '/v1/m2m/clients', { scopes: 'read' }), 400, 'invalid_request')
    const { client } = await issuer.clients.create({ scopes: [] })
    await expectStytchError(
      await api(issuer, 'PUT', `/v1/m2m/clients/${client.client_id}`, { status: 'paused' }),
      400,
      'invalid_request',
    )
    const invalidJson = await send(issuer, 'POST', '/v1/m2m/clients', {
      body: '{',
      headers: { authorization: basic(issuer.projectId, issuer.projectSecret) },
    })
    await expectStytchError(invalidJson, 400, 'invalid_request')
  })

  it('refuses a duplicate client id', async () => {
    await issuer.clients.create({ scopes: [], client_id: 'dup' })
    await expectStytchError(
      await api(issuer, 'POST', '/v1/m2m/clients', { scopes: [], client_id: 'dup' }),
      400,
      'duplicate_m2m_client_id',
    )
  })

  it('updates, then deletes, returning the client id', async () => {
    const { client } = await issuer.clients.create({ scopes: ['a'] })
    const updated = await json(
      await api(issuer, 'PUT', `/v1/m2m/clients/${client.client_id}`, { scopes: ['b'], trusted_metadata: { t: 1 } }),
    )
    expect(updated.m2m_client).toMatchObject({ scopes: ['b'], trusted_metadata: { t: 1 }, status: 'active' })
    const deleted = await api(issuer, 'DELETE', `/v1/m2m/clients/${client.client_id}`)
    expect(await json(deleted)).toEqual({
      status_code: 200,
      request_id: expect.any(String),
      client_id: client.client_id,
    })
    expect(issuer.clients.get(client.client_id)).toBeUndefined()
  })

  it('searches with a query, a limit and a cursor', async () => {
    for (const name of ['a', 'b', 'c']) await issuer.clients.create({ scopes: ['read:users'], client_name: name })
    const query = { operator: 'OR', operands: [{ filter_name: 'scopes', filter_value: ['read:users'] }] }
    const first = await json(await api(issuer, 'POST', '/v1/m2m/clients/search', { query, limit: 2 }))
    expect((first.m2m_clients as { client_name: string }[]).map((client) => client.client_name)).toEqual(['a', 'b'])
    const { next_cursor: cursor, total } = first.results_metadata as { next_cursor: string; total: number }
    expect(total).toBe(3)
    const second = await json(await api(issuer, 'POST', '/v1/m2m/clients/search', { query, limit: 2, cursor }))
    expect((second.m2m_clients as { client_name: string }[]).map((client) => client.client_name)).toEqual(['c'])
    await expectStytchError(
      await api(issuer, 'POST', '/v1/m2m/clients/search', { limit: 5000 }),
      400,
      'invalid_request',
    )
  })

  it('rotates secrets: start shows the next secret once, complete swaps, cancel discards', async () => {
    const { client } = await issuer.clients.create({ scopes: [] })
    const path = `/v1/m2m/clients/${client.client_id}/secrets/rotate`
    const started = (await json(await api(issuer, 'POST', `${path}/start`))).m2m_client as Record<string, string>
    expect(started.next_client_secret_last_four).toBe(started.next_client_secret!.slice(-4))
    const completed = (await json(await api(issuer, 'POST', path))).m2m_client as Record<string, unknown>
    expect(completed).toMatchObject({
      client_secret_last_four: started.next_client_secret_last_four,
      next_client_secret_last_four: null,
    })
    expect(completed).not.toHaveProperty('next_client_secret')
    await expectStytchError(await api(issuer, 'POST', path), 400, 'no_secret_rotation_in_progress')
    await api(issuer, 'POST', `${path}/start`)
    const cancelled = (await json(await api(issuer, 'POST', `${path}/cancel`))).m2m_client as Record<string, unknown>
    expect(cancelled.next_client_secret_last_four).toBeNull()
  })

  it.each([
    ['no credentials', () => undefined],
    ['a wrong secret', () => basic(issuer.projectId, 'wrong')],
    ['another project id with the right secret', () => basic('project-test-other', issuer.projectSecret)],
    ['a bearer token', () => 'Bearer abc'],
  ])('answers 401 unauthorized_credentials for %s', async (_case, authorization) => {
    const value = authorization()
    const response = await send(issuer, 'POST', '/v1/m2m/clients/search', {
      body: '{}',
      headers: value === undefined ? {} : { authorization: value },
    })
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="stytch"')
    await expectStytchError(response, 401, 'unauthorized_credentials')
  })

  it('checks credentials before anything else, so unauthenticated callers learn nothing about clients', async () => {
    const { client } = await issuer.clients.create({ scopes: [] })
    await expectStytchError(
      await send(issuer, 'GET', `/v1/m2m/clients/${client.client_id}`),
      401,
      'unauthorized_credentials',
    )
    await expectStytchError(await send(issuer, 'GET', '/v1/m2m/clients/missing'), 401, 'unauthorized_credentials')
  })
})
