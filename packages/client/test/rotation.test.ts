import { createTokenSource } from '@m2m-guard/client'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { fakeStytch } from './helpers/fake-stytch.js'
import { PROJECT_ID, TOKEN_URL, useMsw } from './helpers/token-endpoint.js'

const server = useMsw()

async function setup() {
  const fake = await fakeStytch(server, { source: { retry: { maxAttempts: 1 } } })
  return { ...fake, oldSecret: fake.clientSecret }
}

/** Holds every token request until `release()`, then lets it through to the fake issuer. */
function holdTokenRequests() {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let arrived!: () => void
  const held = new Promise<void>((resolve) => (arrived = resolve))
  server.use(
    http.post(TOKEN_URL, async () => {
      arrived()
      await gate
      // Returning nothing passes the request on to the next handler: the fake issuer.
    }),
  )
  return { held, release }
}

describe('secret rotation', () => {
  it('keeps traffic flowing through start → updateSecret → complete with zero failed calls', async () => {
    const { issuer, tokens, clientId, oldSecret } = await setup()
    let succeeded = 0
    let failed = 0
    let stop = false
    let notify = (): void => undefined
    const succeededAtLeast = (count: number): Promise<void> =>
      new Promise((resolve) => {
        notify = () => succeeded >= count && resolve()
        notify()
      })
    // Every call requests a new token, so every phase of the rotation reaches the token endpoint.
    const traffic = (async () => {
      while (!stop) {
        tokens.invalidate()
        await tokens.getToken().then(
          () => succeeded++,
          () => failed++,
        )
        notify()
      }
    })()

    await succeededAtLeast(5)
    const { nextClientSecret } = await issuer.clients.startRotation(clientId)
    await succeededAtLeast(10)
    tokens.updateSecret(nextClientSecret)
    await succeededAtLeast(15)
    await issuer.clients.completeRotation(clientId)
    await succeededAtLeast(20)
    stop = true
    await traffic

    expect(failed).toBe(0)
    const stale = createTokenSource({ projectId: PROJECT_ID, clientId, clientSecret: oldSecret })
    await expect(stale.getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_REJECTED',
      error: 'invalid_client',
    })
  })

  it('repeats a request sent with the old secret once with the new one when it fails after completion', async () => {
    const { issuer, tokens, log, clientId } = await setup()
    const { nextClientSecret } = await issuer.clients.startRotation(clientId)
    const { held, release } = holdTokenRequests()
    const token = tokens.getToken()
    await held
    await issuer.clients.completeRotation(clientId)
    tokens.updateSecret(nextClientSecret)
    release()
    expect(await token).toMatch(/\S/)
    expect(issuer.counters.token).toBe(2)
    expect(log.ofType('secret-fallback')).toHaveLength(1)
  })

  it('repeats it only once: a rejected new secret surfaces', async () => {
    const { issuer, tokens, clientId } = await setup()
    await issuer.clients.startRotation(clientId)
    const { held, release } = holdTokenRequests()
    const token = tokens.getToken()
    await held
    await issuer.clients.completeRotation(clientId)
    tokens.updateSecret('not-the-next-secret')
    release()
    await expect(token).rejects.toMatchObject({ code: 'ERR_TOKEN_REQUEST_REJECTED', error: 'invalid_client' })
    expect(issuer.counters.token).toBe(2)
  })

  it('does not repeat an invalid_client when the secret did not change', async () => {
    const { issuer, tokens, clientId } = await setup()
    await issuer.clients.startRotation(clientId)
    await issuer.clients.completeRotation(clientId)
    await expect(tokens.getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_REJECTED',
      error: 'invalid_client',
    })
    expect(issuer.counters.token).toBe(1)
  })

  it('keeps the cached token when the secret is updated', async () => {
    const { issuer, tokens, clientId } = await setup()
    const token = await tokens.getToken()
    const { nextClientSecret } = await issuer.clients.startRotation(clientId)
    tokens.updateSecret(nextClientSecret)
    expect(await tokens.getToken()).toBe(token)
    expect(issuer.counters.token).toBe(1)
  })

  it('goes back to the old secret after a cancelled rotation', async () => {
    const { issuer, tokens, clientId, oldSecret } = await setup()
    const { nextClientSecret } = await issuer.clients.startRotation(clientId)
    tokens.updateSecret(nextClientSecret)
    await issuer.clients.cancelRotation(clientId)
    tokens.updateSecret(oldSecret)
    tokens.invalidate()
    await expect(tokens.getToken()).resolves.toMatch(/\S/)
  })

  it.each([[''], ['has space'], [undefined], [42]])('refuses %j as a new secret with a TypeError', (secret) => {
    const tokens = createTokenSource({ projectId: PROJECT_ID, clientId: 'm2m-client-test-1', clientSecret: 'secret-1' })
    expect(() => tokens.updateSecret(secret as string)).toThrow(TypeError)
  })
})
