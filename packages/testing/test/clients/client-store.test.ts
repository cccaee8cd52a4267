import { beforeEach, describe, expect, it } from 'vitest'
import { ClientStore } from '../../src/clients/client-store.js'
import type { TestClients, TestIssuerErrorCode } from '../../src/index.js'
import { resolveProjectSettings } from '../../src/project-settings.js'

let clients: TestClients

beforeEach(() => {
  clients = new ClientStore(resolveProjectSettings({}))
})

const expectCode = (action: () => unknown, code: TestIssuerErrorCode): void => {
  expect(action).toThrow(expect.objectContaining({ name: 'TestIssuerError', code }))
}

describe('clients', () => {
  it('creates a client in Stytch’s shape and returns its generated secret once', async () => {
    const { client, clientSecret } = await clients.create({ scopes: ['read:users'] })
    expect(client).toEqual({
      client_id: expect.stringMatching(/^m2m-client-test-[0-9a-f-]{36}$/),
      client_name: '',
      client_description: '',
      status: 'active',
      scopes: ['read:users'],
      client_secret_last_four: clientSecret.slice(-4),
      next_client_secret_last_four: null,
      trusted_metadata: {},
    })
    expect(clientSecret).toMatch(/^[\w-]{44}$/)
    expect(JSON.stringify(clients.get(client.client_id))).not.toContain(clientSecret)
  })

  it('keeps custom ids, secrets, names, metadata and status', async () => {
    const { client, clientSecret } = await clients.create({
      scopes: ['a', 'a', 'b'],
      client_id: 'custom-id',
      client_secret: 'custom-secret',
      client_name: 'name',
      client_description: 'description',
      trusted_metadata: { tenant: 'acme' },
      status: 'inactive',
    })
    expect(clientSecret).toBe('custom-secret')
    expect(client).toMatchObject({
      client_id: 'custom-id',
      client_name: 'name',
      client_description: 'description',
      trusted_metadata: { tenant: 'acme' },
      status: 'inactive',
      scopes: ['a', 'b'],
    })
  })

  it('rejects a taken client id', async () => {
    await clients.create({ scopes: [], client_id: 'taken' })
    await expect(clients.create({ scopes: [], client_id: 'taken' })).rejects.toMatchObject({
      code: 'ERR_CLIENT_EXISTS',
    })
  })

  it.each([
    ['missing scopes', {}],
    ['scopes with spaces', { scopes: ['read users'] }],
    ['empty scope', { scopes: [''] }],
    ['short secret', { scopes: [], client_secret: 'short' }],
    ['empty id', { scopes: [], client_id: '' }],
    ['non-string name', { scopes: [], client_name: 5 }],
    ['array metadata', { scopes: [], trusted_metadata: [] }],
    ['unknown status', { scopes: [], status: 'paused' }],
  ])('rejects %s with ERR_CLIENT_INVALID', async (_case, input) => {
    await expect(clients.create(input as never)).rejects.toMatchObject({ code: 'ERR_CLIENT_INVALID' })
  })

  it('hands out copies, so callers cannot change stored clients', async () => {
    const { client } = await clients.create({ scopes: ['a'], trusted_metadata: { x: 1 } })
    client.scopes.push('admin')
    clients.get(client.client_id)!.trusted_metadata.x = 2
    expect(clients.get(client.client_id)).toMatchObject({ scopes: ['a'], trusted_metadata: { x: 1 } })
  })

  it('updates only the given fields', async () => {
    const { client } = await clients.create({ scopes: ['a'], client_name: 'before' })
    const updated = clients.update(client.client_id, { status: 'inactive', scopes: ['b'] })
    expect(updated).toMatchObject({ client_name: 'before', status: 'inactive', scopes: ['b'] })
    expect(clients.get(client.client_id)).toEqual(updated)
    expectCode(() => clients.update(client.client_id, { status: 'paused' as never }), 'ERR_CLIENT_INVALID')
    expectCode(() => clients.update('missing', {}), 'ERR_CLIENT_NOT_FOUND')
  })

  it('deletes clients and lists the rest in creation order', async () => {
    const ids: string[] = []
    for (const name of ['one', 'two', 'three'])
      ids.push((await clients.create({ scopes: [], client_name: name })).client.client_id)
    clients.delete(ids[1]!)
    expect(clients.list().map((client) => client.client_name)).toEqual(['one', 'three'])
    expect(clients.get(ids[1]!)).toBeUndefined()
    expectCode(() => clients.delete(ids[1]!), 'ERR_CLIENT_NOT_FOUND')
  })

  it('authenticates with the current secret only, whatever the status', async () => {
    const { client, clientSecret } = await clients.create({ scopes: [], status: 'inactive' })
    expect(await clients.authenticate(client.client_id, clientSecret)).toMatchObject({ status: 'inactive' })
    expect(await clients.authenticate(client.client_id, `${clientSecret}x`)).toBeUndefined()
    expect(await clients.authenticate('unknown', clientSecret)).toBeUndefined()
  })

  it('accepts both secrets during a rotation, only the new one after completion', async () => {
    const { client, clientSecret } = await clients.create({ scopes: [] })
    const { client: rotating, nextClientSecret } = await clients.startRotation(client.client_id)
    expect(rotating.next_client_secret_last_four).toBe(nextClientSecret.slice(-4))
    expect(rotating.client_secret_last_four).toBe(clientSecret.slice(-4))
    expect(await clients.authenticate(client.client_id, clientSecret)).toBeDefined()
    expect(await clients.authenticate(client.client_id, nextClientSecret)).toBeDefined()
    const done = clients.completeRotation(client.client_id)
    expect(done).toMatchObject({
      client_secret_last_four: nextClientSecret.slice(-4),
      next_client_secret_last_four: null,
    })
    expect(await clients.authenticate(client.client_id, clientSecret)).toBeUndefined()
    expect(await clients.authenticate(client.client_id, nextClientSecret)).toBeDefined()
  })

  it('discards the pending secret on cancel', async () => {
    const { client, clientSecret } = await clients.create({ scopes: [] })
    const { nextClientSecret } = await clients.startRotation(client.client_id, { nextClientSecret: 'next-secret-1' })
    expect(nextClientSecret).toBe('next-secret-1')
    expect(clients.cancelRotation(client.client_id).next_client_secret_last_four).toBeNull()
    expect(await clients.authenticate(client.client_id, 'next-secret-1')).toBeUndefined()
    expect(await clients.authenticate(client.client_id, clientSecret)).toBeDefined()
  })

  it('replaces the pending secret when a rotation is started twice', async () => {
    const { client } = await clients.create({ scopes: [] })
    const first = await clients.startRotation(client.client_id)
    await clients.startRotation(client.client_id)
    expect(await clients.authenticate(client.client_id, first.nextClientSecret)).toBeUndefined()
  })

  it('refuses to complete or cancel a rotation that was not started', async () => {
    const { client } = await clients.create({ scopes: [] })
    expectCode(() => clients.completeRotation(client.client_id), 'ERR_NO_ROTATION')
    expectCode(() => clients.cancelRotation(client.client_id), 'ERR_NO_ROTATION')
    await expect(clients.startRotation('missing')).rejects.toMatchObject({ code: 'ERR_CLIENT_NOT_FOUND' })
  })
})
