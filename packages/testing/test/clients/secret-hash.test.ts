import { describe, expect, it, vi } from 'vitest'
import { ClientStore } from '../../src/clients/client-store.js'
import { digestsEqual, hashSecret } from '../../src/clients/secret-hash.js'
import { resolveProjectSettings } from '../../src/project-settings.js'

describe('secret hashing', () => {
  it('hashes with SHA-256', async () => {
    const digest = Buffer.from(await hashSecret('abc')).toString('hex')
    expect(digest).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('compares digests by content and length', () => {
    expect(digestsEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true)
    expect(digestsEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false)
    expect(digestsEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false)
  })

  it('authenticates clients by hashing the presented secret, not by comparing strings', async () => {
    const store = new ClientStore(resolveProjectSettings({}))
    const { client, clientSecret } = await store.create({ scopes: [] })
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest')
    await store.authenticate(client.client_id, clientSecret)
    expect(digest).toHaveBeenCalledWith('SHA-256', new TextEncoder().encode(clientSecret))
  })
})
