import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchJson } from '../../src/http/fetch-json.js'
import { FetchJsonError, type FetchJsonFailure } from '../../src/http/fetch-json-error.js'
import { UNHANDLED_IS_ERROR } from '../helpers/msw-strict.js'
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback-server.js'

const URL_UNDER_TEST = new URL('https://keys.example.test/jwks?secret-path=1')
const LIMITS = { timeoutMs: 5000, maxBytes: 1024 }

/** A `fetch` stub answering every call with the given response. */
function answer(response: Response | (() => Response)): typeof fetch {
  return vi.fn(async () => (typeof response === 'function' ? response() : response)) as unknown as typeof fetch
}

function json(body: BodyInit | null, init: ResponseInit = {}): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' }, ...init })
}

/** A body stream that hands out `chunkSize` bytes per pull, up to `total`, and records what was pulled. */
function countingStream(total: number, chunkSize: number) {
  const stats = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close()
      const size = Math.min(chunkSize, total - stats.pulled)
      stats.pulled += size
      controller.enqueue(new Uint8Array(size).fill(0x20))
    },
    cancel() {
      stats.cancelled = true
    },
  })
  return { stream, stats }
}

async function failure(promise: Promise<unknown>): Promise<FetchJsonError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(error).toBeInstanceOf(FetchJsonError)
  return error as FetchJsonError
}

async function expectFailure(promise: Promise<unknown>, reason: FetchJsonFailure): Promise<FetchJsonError> {
  const error = await failure(promise)
  expect(error.reason).toBe(reason)
  expect(error.message).not.toContain('keys.example.test')
  return error
}

describe('fetchJson: successful responses', () => {
  it('returns the parsed JSON of a 200 application/json response', async () => {
    const body = { keys: [], request_id: 'r-1' }
    await expect(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(JSON.stringify(body))) })).resolves.toEqual(
      body,
    )
  })

  it('accepts +json media types with parameters, in any letter case', async () => {
    const response = json('{"keys":[]}', { headers: { 'content-type': 'Application/JWK-Set+JSON; charset=UTF-8' } })
    await expect(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) })).resolves.toEqual({ keys: [] })
  })

  it('accepts a body of exactly the byte cap', async () => {
    const text = `{"a":"${'x'.repeat(LIMITS.maxBytes - 8)}"}`
    expect(Buffer.byteLength(text)).toBe(LIMITS.maxBytes)
    await expect(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(text)) })).resolves.toHaveProperty('a')
  })

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('{"kid":"é"}')
    const split = bytes.indexOf(0xc3) + 1
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, split))
        controller.enqueue(bytes.subarray(split))
        controller.close()
      },
    })
    await expect(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(stream)) })).resolves.toEqual({ kid: 'é' })
  })

  it('leaves no timer behind after a success', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      await fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json('{}')) })
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('fetchJson: the request it sends', () => {
  const seen: Request[] = []
  const server = setupServer(
    http.get('https://keys.example.test/jwks', ({ request }) => {
      seen.push(request)
      return HttpResponse.json({ keys: [] })
    }),
  )
  beforeAll(() => server.listen(UNHANDLED_IS_ERROR))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  it('is a GET asking for JSON that follows no redirect and sends no credentials', async () => {
    // `redirect` and `credentials` never reach the wire, and msw 3 intercepts at the socket and rebuilds the request
    // from its bytes (msw 2 kept fetch's Request): read them from the Request that fetch itself would build.
    const sent: Request[] = []
    const fetchSpy: typeof fetch = (input, init) => {
      sent.push(new Request(input, init))
      return globalThis.fetch(input, init)
    }
    await fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: fetchSpy })
    expect(sent.at(-1)?.redirect).toBe('manual')
    expect(sent.at(-1)?.credentials).toBe('omit')
    const request = seen.at(-1)
    expect(request?.method).toBe('GET')
    expect(request?.headers.get('accept')).toBe('application/json')
    expect(request?.headers.get('authorization')).toBeNull()
    expect(request?.headers.get('cookie')).toBeNull()
  })
})

describe('fetchJson: refused responses', () => {
  it.each([301, 302, 303, 307, 308])('treats a %i redirect as a failure', async (status) => {
    const response = new Response(null, { status, headers: { location: 'https://evil.example.test/jwks' } })
    const error = await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'redirect')
    expect(error.status).toBe(status)
  })

  it('treats an opaque redirect (the browser form of a manual redirect) as a failure', async () => {
    const response = Response.error()
    Object.defineProperty(response, 'type', { value: 'opaqueredirect' })
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'redirect')
  })

  it('treats a response from a fetch that followed a redirect anyway as a failure', async () => {
    const response = json('{"keys":[]}')
    Object.defineProperty(response, 'redirected', { value: true })
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'redirect')
  })

  it.each([201, 204, 404, 429, 500, 502, 503])('treats status %i as a failure and reports it', async (status) => {
    const response = json(status === 204 ? null : '{"keys":[]}', { status })
    const error = await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'status')
    expect(error.status).toBe(status)
  })

  it.each([
    ['text/html', '<html>login</html>'],
    ['text/plain', '{"keys":[]}'],
    ['application/jsonp', '{"keys":[]}'],
    ['application/json-seq', '{"keys":[]}'],
  ])('refuses content type %s', async (contentType, body) => {
    const response = json(body, { headers: { 'content-type': contentType } })
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'content-type')
  })

  it('refuses a response without a content type', async () => {
    const response = new Response(new Blob([new Uint8Array(Buffer.from('{"keys":[]}'))]), { status: 200 })
    expect(response.headers.get('content-type')).toBeNull()
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'content-type')
  })

  it.each([
    ['invalid JSON', Buffer.from('{"keys":[')],
    ['an empty body', Buffer.alloc(0)],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('refuses %s', async (_name, bytes) => {
    const error = await expectFailure(
      fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(new Uint8Array(bytes))) }),
      'invalid-json',
    )
    expect(error.message).not.toContain('keys')
  })

  it('refuses a body without a stream', async () => {
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(null)) }), 'invalid-json')
  })

  it('reports a network failure with its cause kept and no URL in the message', async () => {
    const cause = new TypeError('fetch failed: getaddrinfo ENOTFOUND keys.example.test')
    const fetchStub = vi.fn(async () => Promise.reject(cause)) as unknown as typeof fetch
    const error = await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: fetchStub }), 'network')
    expect(error.cause).toBe(cause)
  })

  it('reports a fetch that throws synchronously as a network failure', async () => {
    const fetchStub = (() => {
      throw new TypeError('boom')
    }) as unknown as typeof fetch
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: fetchStub }), 'network')
  })

  it('reports a body stream that breaks as a network failure', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(Buffer.from('{"ke')))
        controller.error(new Error('socket hang up'))
      },
    })
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(stream)) }), 'network')
  })
})

describe('fetchJson: size cap', () => {
  it('fails before reading when Content-Length announces more than the cap', async () => {
    const { stream, stats } = countingStream(50 * 1024 * 1024, 64 * 1024)
    const response = json(stream, { headers: { 'content-type': 'application/json', 'content-length': '52428800' } })
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(response) }), 'too-large')
    expect(stats.pulled).toBeLessThanOrEqual(64 * 1024)
  })

  it('stops reading a 50 MB streamed body soon after the cap and cancels it', async () => {
    const { stream, stats } = countingStream(50 * 1024 * 1024, 64 * 1024)
    const maxBytes = 256 * 1024
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, maxBytes, fetch: answer(json(stream)) }), 'too-large')
    // The stream may have queued a chunk or two ahead; it never got near 50 MB.
    expect(stats.pulled).toBeLessThanOrEqual(maxBytes + 3 * 64 * 1024)
    expect(stats.cancelled).toBe(true)
  })

  it('refuses a body one byte over the cap', async () => {
    const text = `{"a":"${'x'.repeat(LIMITS.maxBytes - 7)}"}`
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(text)) }), 'too-large')
  })

  it('aborts the request signal once it stops reading', async () => {
    let signal: AbortSignal | undefined
    const { stream } = countingStream(10 * 1024 * 1024, 64 * 1024)
    const fetchStub = (async (_input: unknown, init?: RequestInit) => {
      signal = init?.signal ?? undefined
      return json(stream)
    }) as typeof fetch
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: fetchStub }), 'too-large')
    expect(signal?.aborted).toBe(true)
  })
})

describe('fetchJson: total timeout', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fails at the timeout while waiting for headers, even when fetch ignores the abort signal', async () => {
    const fetchStub = vi.fn(() => new Promise<Response>(() => {})) as unknown as typeof fetch
    const settled = vi.fn()
    const result = fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: fetchStub })
    result.then(settled, settled)
    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    await expectFailure(result, 'timeout')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('counts the body in the timeout: a body dripping one byte per second fails at the timeout', async () => {
    let dripped = 0
    let cancelled = false
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        return new Promise<void>((resolve) => {
          setTimeout(() => {
            if (cancelled) return resolve()
            dripped++
            controller.enqueue(new Uint8Array([0x20]))
            resolve()
          }, 1000)
        })
      },
      cancel() {
        cancelled = true
      },
    })
    const settled = vi.fn()
    const result = fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json(stream)) })
    result.then(settled, settled)
    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).not.toHaveBeenCalled()
    expect(dripped).toBeGreaterThanOrEqual(4)
    await vi.advanceTimersByTimeAsync(1)
    await expectFailure(result, 'timeout')
    expect(dripped).toBeLessThanOrEqual(5)
    expect(cancelled).toBe(true)
  })

  it('uses the configured timeout', async () => {
    const fetchStub = vi.fn(() => new Promise<Response>(() => {})) as unknown as typeof fetch
    const settled = vi.fn()
    const result = fetchJson(URL_UNDER_TEST, { ...LIMITS, timeoutMs: 250, fetch: fetchStub })
    result.then(settled, settled)
    await vi.advanceTimersByTimeAsync(249)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    await expectFailure(result, 'timeout')
  })

  it('clears its timer after a failure', async () => {
    await expectFailure(fetchJson(URL_UNDER_TEST, { ...LIMITS, fetch: answer(json('<', { status: 500 })) }), 'status')
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('fetchJson: over a real loopback connection', () => {
  let server: LoopbackServer
  beforeAll(async () => {
    server = await startLoopbackServer()
  })
  afterAll(() => server.close())

  const realFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => globalThis.fetch(input, init)

  it('does not follow a redirect, even to the same host', async () => {
    server.hits = 0
    server.handle = (request, response) => {
      if (request.url === '/moved') return sendJson(response, { keys: [] })
      response.writeHead(302, { location: '/moved' }).end()
    }
    const error = await expectFailure(
      fetchJson(new URL(`${server.origin}/jwks`), { ...LIMITS, fetch: realFetch }),
      'redirect',
    )
    expect(error.status).toBe(302)
    expect(server.hits).toBe(1)
  })

  it('sends no cookie or authorization header and asks for JSON', async () => {
    server.handle = (_request, response) => sendJson(response, { keys: [] })
    await fetchJson(new URL(`${server.origin}/jwks`), { ...LIMITS, fetch: realFetch })
    expect(server.lastHeaders?.accept).toBe('application/json')
    expect(server.lastHeaders?.cookie).toBeUndefined()
    expect(server.lastHeaders?.authorization).toBeUndefined()
  })
})
