// Compatibility contract: the official Stytch Node SDK (npm `stytch`) runs unchanged against the fake. The SDK sends
// API calls with the global `fetch` and fetches the JWKS with jose 5 over `node:https`; msw's node interceptors catch
// both, so the SDK talks to Stytch's real host (https://test.stytch.com) and never leaves the process.
import { setupServer } from 'msw/node'
import * as stytch from 'stytch'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../src/index.js'
import { UNHANDLED_IS_ERROR } from './support/msw-strict.js'

let issuer: TestIssuer
let sdk: stytch.Client
const server = setupServer()

beforeAll(async () => {
  issuer = await createTestIssuer()
  server.use(...issuer.handlers())
  server.listen(UNHANDLED_IS_ERROR)
  sdk = new stytch.Client({ project_id: issuer.projectId, secret: issuer.projectSecret })
})
afterEach(() => issuer.faults.reset())
afterAll(() => server.close())

async function expectStytchError(promise: Promise<unknown>): Promise<stytch.StytchError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(stytch.StytchError)
  return error as stytch.StytchError
}

describe('the official Stytch Node SDK against the fake', () => {
  it('creates a client, gets a token, authenticates it, rotates the secret and gets a token with the new one', async () => {
    const created = await sdk.m2m.clients.create({
      scopes: ['read:users', 'write:users'],
      client_name: 'billing',
      trusted_metadata: { tenant: 'acme' },
    })
    const { client_id: clientId, client_secret: firstSecret } = created.m2m_client
    expect(created.status_code).toBe(200)
    expect(created.m2m_client.client_secret_last_four).toBe(firstSecret.slice(-4))

    const token = await sdk.m2m.token({ client_id: clientId, client_secret: firstSecret, scopes: ['read:users'] })
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
    const auth = await sdk.m2m.authenticateToken({ access_token: token.access_token, required_scopes: ['read:users'] })
    expect(auth).toEqual({ client_id: clientId, scopes: ['read:users'], custom_claims: { tenant: 'acme' } })

    const started = await sdk.m2m.clients.secrets.rotateStart({ client_id: clientId })
    const nextSecret = started.m2m_client.next_client_secret
    expect(started.m2m_client.next_client_secret_last_four).toBe(nextSecret.slice(-4))
    // During the rotation both secrets work.
    await sdk.m2m.token({ client_id: clientId, client_secret: firstSecret })
    await sdk.m2m.token({ client_id: clientId, client_secret: nextSecret })

    await sdk.m2m.clients.secrets.rotate({ client_id: clientId })
    const rejected = await expectStytchError(sdk.m2m.token({ client_id: clientId, client_secret: firstSecret }))
    expect(rejected.status_code).toBe(401)
    expect(rejected.error_type).toBe('invalid_client')

    const rotated = await sdk.m2m.token({ client_id: clientId, client_secret: nextSecret })
    const all = await sdk.m2m.authenticateToken({
      access_token: rotated.access_token,
      required_scopes: ['write:users'],
    })
    expect(all.scopes).toEqual(['read:users', 'write:users'])
  })

  it('refuses required scopes the token does not carry', async () => {
    const { m2m_client: client } = await sdk.m2m.clients.create({ scopes: ['read:users', 'write:users'] })
    const { access_token } = await sdk.m2m.token({
      client_id: client.client_id,
      client_secret: client.client_secret,
      scopes: ['read:users'],
    })
    await expect(sdk.m2m.authenticateToken({ access_token, required_scopes: ['write:users'] })).rejects.toMatchObject({
      code: 'missing_scopes',
    })
  })

  it('accepts tokens from issuer.mint() as if Stytch had issued them', async () => {
    const access_token = await issuer.mint({ clientId: 'm2m-client-test-minted', scopes: ['read:*'] })
    const auth = await sdk.m2m.authenticateToken({ access_token, required_scopes: ['read:users'] })
    expect(auth.client_id).toBe('m2m-client-test-minted')
  })

  it('verifies tokens of the old and the new key after a key rotation', async () => {
    const oldKid = issuer.currentKid
    const beforeRotation = await issuer.mint({ scopes: ['a'] })
    await issuer.rotateKeys()
    // A fresh SDK client: the shared one holds a cached JWKS and jose's 30 s refetch cooldown.
    const fresh = new stytch.Client({ project_id: issuer.projectId, secret: issuer.projectSecret })
    const afterRotation = await issuer.mint({ scopes: ['b'] })
    expect((await fresh.m2m.authenticateToken({ access_token: beforeRotation })).scopes).toEqual(['a'])
    expect((await fresh.m2m.authenticateToken({ access_token: afterRotation })).scopes).toEqual(['b'])
    expect(issuer.jwks().keys.map((key) => key.kid)).toEqual([oldKid, issuer.currentKid])
  })

  it('rejects hostile tokens with jwt_invalid', async () => {
    for (const token of [await issuer.hostile.expired(), await issuer.hostile.foreignKey()]) {
      await expect(sdk.m2m.authenticateToken({ access_token: token })).rejects.toMatchObject({ code: 'jwt_invalid' })
    }
  })

  it('gets, searches, updates and deletes clients', async () => {
    const { m2m_client: created } = await sdk.m2m.clients.create({ scopes: ['x'], client_name: 'sdk-crud' })
    const got = await sdk.m2m.clients.get({ client_id: created.client_id })
    expect(got.m2m_client).not.toHaveProperty('client_secret')
    const found = await sdk.m2m.clients.search({
      query: { operator: 'AND', operands: [{ filter_name: 'client_name', filter_value: ['sdk-crud'] }] },
    })
    expect(found.m2m_clients.map((client) => client.client_id)).toEqual([created.client_id])
    const updated = await sdk.m2m.clients.update({ client_id: created.client_id, status: 'inactive' })
    expect(updated.m2m_client.status).toBe('inactive')
    const denied = await expectStytchError(
      sdk.m2m.token({ client_id: created.client_id, client_secret: created.client_secret }),
    )
    expect(denied.error_type).toBe('invalid_client')
    const deleted = await sdk.m2m.clients.delete({ client_id: created.client_id })
    expect(deleted.client_id).toBe(created.client_id)
    const missing = await expectStytchError(sdk.m2m.clients.get({ client_id: created.client_id }))
    expect(missing.status_code).toBe(404)
    expect(missing.error_type).toBe('m2m_client_not_found')
  })

  it('cancels a rotation, after which only the old secret works', async () => {
    const { m2m_client: client } = await sdk.m2m.clients.create({ scopes: [] })
    const started = await sdk.m2m.clients.secrets.rotateStart({ client_id: client.client_id })
    await sdk.m2m.clients.secrets.rotateCancel({ client_id: client.client_id })
    await sdk.m2m.token({ client_id: client.client_id, client_secret: client.client_secret })
    const error = await expectStytchError(
      sdk.m2m.token({ client_id: client.client_id, client_secret: started.m2m_client.next_client_secret }),
    )
    expect(error.error_type).toBe('invalid_client')
  })

  it('is refused by the client API with a wrong project secret', async () => {
    const intruder = new stytch.Client({ project_id: issuer.projectId, secret: 'secret-test-wrong' })
    const error = await expectStytchError(intruder.m2m.clients.search({}))
    expect(error.status_code).toBe(401)
    expect(error.error_type).toBe('unauthorized_credentials')
  })

  it('surfaces an injected token-endpoint outage as a StytchError', async () => {
    const { m2m_client: client } = await sdk.m2m.clients.create({ scopes: [] })
    issuer.faults.token('error', { status: 503, times: 1 })
    const error = await expectStytchError(
      sdk.m2m.token({ client_id: client.client_id, client_secret: client.client_secret }),
    )
    expect(error.status_code).toBe(503)
  })
})
