import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { JwksUnavailableError } from '../../src/errors/error-classes.js'
import { createJwksCache } from '../../src/jwks/jwks-cache.js'
import { JwksFetchError } from '../../src/jwks/jwks-fetch-error.js'
import { JWKS_WARNING_CODE } from '../../src/jwks/jwks-warning.js'

// Issue 20, point 4: an unreachable key endpoint (a fake Stytch that was never started, a wrong base URL or project
// id) must be told from an outage: the 503's cause names the URL and the reason, and a warning says it once.

const servers: Server[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A loopback server answering every request with `handle`; resolves to its base URL. */
async function loopback(handle: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handle)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

/** A loopback port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<string> {
  const { url, server } = await loopback(() => {})
  servers.pop()
  await new Promise((resolve) => server.close(resolve))
  return url
}

async function unavailable(promise: Promise<unknown>): Promise<JwksUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(JwksUnavailableError)
  expect(error).toMatchObject({ code: 'ERR_JWKS_UNAVAILABLE', status: 503 })
  return error as JwksUnavailableError
}

const PATH = '/v1/sessions/jwks/project-test-other'

describe('the cause of JwksUnavailableError', () => {
  it('names the URL and the HTTP status of a 404', async () => {
    const { url } = await loopback((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{}'))
    const cache = createJwksCache({ url: `${url}${PATH}?debug=1`, onEvent: () => {} })
    const error = await unavailable(cache.getKey('kid-1'))
    expect(error.cause).toBeInstanceOf(JwksFetchError)
    expect(error.cause).toMatchObject({ url: `${url}${PATH}`, reason: 'status', status: 404 })
    const message = (error.cause as Error).message
    expect(message).toContain(`${url}${PATH}`)
    expect(message).toContain('HTTP 404')
    // The query may carry a key of some issuer's API: it stays out of what is logged.
    expect(message).not.toContain('debug')
    // The 503 itself tells a client nothing about the key endpoint.
    expect(error.message).not.toContain(url)
  })

  it('names the URL and the network error code of a refused connection', async () => {
    const url = `${await closedPort()}${PATH}`
    const cache = createJwksCache({ url, onEvent: () => {} })
    const error = await unavailable(cache.getKey('kid-1'))
    expect(error.cause).toMatchObject({ url, reason: 'network', errorCode: 'ECONNREFUSED' })
    expect((error.cause as Error).message).toContain(url)
    expect((error.cause as Error).message).toContain('ECONNREFUSED')
  })

  it('names the URL and the timeout of an endpoint that never answers', async () => {
    const { url } = await loopback(() => {
      // Accepts the request and never answers.
    })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const cache = createJwksCache({ url: `${url}${PATH}`, timeout: 2, onEvent: () => {} })
    const lookup = unavailable(cache.getKey('kid-1'))
    await vi.advanceTimersByTimeAsync(2000)
    const error = await lookup
    expect(error.cause).toMatchObject({ url: `${url}${PATH}`, reason: 'timeout' })
    expect((error.cause as Error).message).toContain('within 2 s')
  })

  it('names an answer that is not a key set', async () => {
    const { url } = await loopback((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":"no such project"}'),
    )
    const cache = createJwksCache({ url: `${url}${PATH}`, onEvent: () => {} })
    const error = await unavailable(cache.getKey('kid-1'))
    expect(error.cause).toMatchObject({ reason: 'not-a-jwks' })
    expect((error.cause as Error).message).toContain(`${url}${PATH}`)
  })
})

describe('the JWKS warning', () => {
  it('is emitted once per cache, naming the URL and the reason, not once per request', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const url = `${await closedPort()}${PATH}`
    let now = 1_700_000_000_000
    const cache = createJwksCache({ url, clock: () => now })
    for (let attempt = 0; attempt < 4; attempt++) {
      await unavailable(cache.getKey('kid-1'))
      // Inside the back-off: refused at once, without a fetch.
      await unavailable(cache.getKey('kid-1'))
      now += 60_000
    }
    expect(warn).toHaveBeenCalledTimes(1)
    const [message, options] = warn.mock.calls[0] as [string, { code: string }]
    expect(options.code).toBe(JWKS_WARNING_CODE)
    expect(message).toContain(url)
    expect(message).toContain('ECONNREFUSED')
  })

  it('is emitted once by each cache', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const base = await closedPort()
    await unavailable(createJwksCache({ url: `${base}/a` }).getKey('kid-1'))
    await unavailable(createJwksCache({ url: `${base}/b` }).getKey('kid-1'))
    expect(warn).toHaveBeenCalledTimes(2)
    expect(String(warn.mock.calls[1]?.[0])).toContain(`${base}/b`)
  })

  it('is not emitted when jwks.onEvent is set: its fetch-failure events already say it', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const url = `${await closedPort()}${PATH}`
    const events: unknown[] = []
    const cache = createJwksCache({ url, onEvent: (event) => events.push(event) })
    await unavailable(cache.getKey('kid-1'))
    expect(warn).not.toHaveBeenCalled()
    expect(events).toContainEqual(expect.objectContaining({ type: 'fetch-failure', error: expect.any(JwksFetchError) }))
  })

  it('is skipped on runtimes without process.emitWarning', async () => {
    vi.stubGlobal('process', { ...process, emitWarning: undefined })
    const url = `${await closedPort()}${PATH}`
    await unavailable(createJwksCache({ url }).getKey('kid-1'))
  })
})
