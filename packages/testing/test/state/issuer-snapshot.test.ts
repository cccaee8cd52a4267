import { createLocalJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTestIssuer } from '../../src/index.js'

const projectId = 'project-test-11111111-1111-4111-8111-111111111111'

describe('issuer.snapshot() and createTestIssuer({ snapshot })', () => {
  it('restores keys, published kids, clients and a rotation in progress through JSON', async () => {
    const issuer = await createTestIssuer({ projectId })
    const oldKid = issuer.currentKid
    const oldToken = await issuer.mint({ scopes: ['read:users'] })
    await issuer.rotateKeys()
    const { client, clientSecret } = await issuer.clients.create({ scopes: ['read:users'], trusted_metadata: { a: 1 } })
    const { nextClientSecret } = await issuer.clients.startRotation(client.client_id)

    const saved = JSON.parse(JSON.stringify(await issuer.snapshot()))
    expect(JSON.stringify(saved)).not.toContain(clientSecret)
    const restored = await createTestIssuer({ projectId, snapshot: saved })

    expect(restored.currentKid).toBe(issuer.currentKid)
    expect(restored.jwks().keys).toEqual(issuer.jwks().keys)
    await expect(jwtVerify(oldToken, createLocalJWKSet(restored.jwks()))).resolves.toMatchObject({
      protectedHeader: { kid: oldKid },
    })
    expect(restored.clients.list()).toEqual(issuer.clients.list())
    expect(await restored.clients.authenticate(client.client_id, clientSecret)).toBeDefined()
    expect(await restored.clients.authenticate(client.client_id, nextClientSecret)).toBeDefined()
    expect(await restored.clients.authenticate(client.client_id, 'wrong-secret')).toBeUndefined()
    restored.clients.completeRotation(client.client_id)
    expect(await restored.clients.authenticate(client.client_id, clientSecret)).toBeUndefined()
  })

  it('signs new tokens with the restored current key', async () => {
    const issuer = await createTestIssuer({ projectId })
    const restored = await createTestIssuer({ projectId, snapshot: await issuer.snapshot() })
    const token = await restored.mint()
    await expect(jwtVerify(token, createLocalJWKSet(issuer.jwks()))).resolves.toBeDefined()
  })

  it('keeps retired keys retired', async () => {
    const issuer = await createTestIssuer({ projectId })
    const oldKid = issuer.currentKid
    await issuer.rotateKeys()
    issuer.retireKey(oldKid)
    const restored = await createTestIssuer({ projectId, snapshot: await issuer.snapshot() })
    expect(restored.jwks().keys.map((key) => key.kid)).toEqual([issuer.currentKid])
  })

  it('refuses a snapshot of another project or a damaged one with a TypeError naming `snapshot`', async () => {
    const issuer = await createTestIssuer({ projectId })
    const snapshot = await issuer.snapshot()
    await expect(createTestIssuer({ snapshot })).rejects.toThrow(/`snapshot` belongs to project/)
    const damaged = { ...snapshot, keys: { ...snapshot.keys, current: 'jwk-test-missing' } }
    await expect(createTestIssuer({ projectId, snapshot: damaged })).rejects.toBeInstanceOf(TypeError)
    const [key] = snapshot.keys.all
    const badKey = {
      ...snapshot,
      keys: { ...snapshot.keys, all: [{ ...key!, privateJwk: { ...key!.privateJwk, d: '' } }] },
    }
    await expect(createTestIssuer({ projectId, snapshot: badKey })).rejects.toThrow(
      /`snapshot` key .* cannot be imported/,
    )
    const badDigest = {
      ...snapshot,
      clients: [
        {
          client: (await issuer.clients.create({ scopes: [] })).client,
          secret: { digest: 'short', lastFour: 'abcd' },
          next: null,
        },
      ],
    }
    await expect(createTestIssuer({ projectId, snapshot: badDigest })).rejects.toThrow(
      /`snapshot` has an invalid client/,
    )
  })
})
