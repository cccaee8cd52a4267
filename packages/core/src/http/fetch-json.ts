import { FetchJsonError } from './fetch-json-error.js'

/** Limits and transport of one {@link fetchJson} call. */
export interface FetchJsonOptions {
  /** The `fetch` implementation. */
  fetch: typeof fetch
  /** Total time for the request, headers and body together, in milliseconds. */
  timeoutMs: number
  /** Largest accepted body, in bytes. */
  maxBytes: number
}

/** `application/json` and structured-syntax `+json` types (RFC 6839 §3.1), e.g. `application/jwk-set+json`. */
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/

const noop = (): void => {}

/**
 * One bounded `GET` of a JSON document, for fetching keys from a URL the integrator configured.
 *
 * - Redirects are not followed (`redirect: 'manual'`): any status other than 200, 3xx included, is a failure.
 * - No cookies or credentials are sent (`credentials: 'omit'`); the request asks for `application/json`.
 * - One timer bounds the whole exchange, headers and body; it is always cleared.
 * - The body is read chunk by chunk and the transfer is aborted as soon as it passes `maxBytes` (a declared
 *   `Content-Length` above the cap fails before reading), so a huge body is never buffered.
 * - The response must be `application/json` or `application/*+json`, valid UTF-8 and valid JSON.
 *
 * @param url - The URL to fetch (checked by the caller, see `assertSecureUrl`).
 * @param options - `fetch`, `timeoutMs` and `maxBytes`.
 * @returns The parsed JSON value.
 * @throws {FetchJsonError} With `reason` `network`, `timeout`, `redirect`, `status`, `content-type`, `too-large` or
 *   `invalid-json`.
 * @example
 * const doc = await fetchJson(new URL('https://test.stytch.com/v1/sessions/jwks/project-test-…'), {
 *   fetch: globalThis.fetch,
 *   timeoutMs: 5000,
 *   maxBytes: 262_144,
 * })
 */
export async function fetchJson(url: URL, options: FetchJsonOptions): Promise<unknown> {
  const controller = new AbortController()
  let timedOut = false
  // Every await below races this promise, so a `fetch` or a body stream that ignores the signal still cannot
  // outlive the timeout.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new FetchJsonError('timeout')), { once: true })
  })
  aborted.catch(noop)
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, options.timeoutMs)
  unrefTimer(timer)
  let response: Response | undefined
  try {
    response = await Promise.race([send(url, options.fetch, controller.signal), aborted])
    checkResponse(response, options.maxBytes)
    const text = await readText(response.body, options.maxBytes, aborted)
    return parseJson(text)
  } catch (error) {
    if (response?.bodyUsed === false) response.body?.cancel().catch(noop)
    if (timedOut && !(error instanceof FetchJsonError && error.reason === 'timeout')) {
      throw new FetchJsonError('timeout', { cause: error })
    }
    throw error
  } finally {
    clearTimeout(timer)
    // Releases the connection when reading stopped early; harmless after a complete read.
    controller.abort()
  }
}

async function send(url: URL, fetchImpl: typeof fetch, signal: AbortSignal): Promise<Response> {
  try {
    return await fetchImpl(url, {
      method: 'GET',
      redirect: 'manual',
      credentials: 'omit',
      headers: { accept: 'application/json' },
      signal,
    })
  } catch (error) {
    throw new FetchJsonError('network', { cause: error })
  }
}

function checkResponse(response: Response, maxBytes: number): void {
  // `redirected` catches a `fetch` implementation that followed a redirect despite `redirect: 'manual'`.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400) || response.redirected) {
    throw new FetchJsonError('redirect', { status: response.status })
  }
  if (response.status !== 200) throw new FetchJsonError('status', { status: response.status })
  const mediaType = response.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? ''
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new FetchJsonError('content-type')
  const declaredLength = response.headers.get('content-length')
  if (declaredLength !== null && Number(declaredLength) > maxBytes) throw new FetchJsonError('too-large')
}

async function readText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  aborted: Promise<never>,
): Promise<string> {
  if (body === null) return ''
  const reader = body.getReader()
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let received = 0
  let text = ''
  try {
    for (;;) {
      const chunk = await Promise.race([reader.read(), aborted])
      if (chunk.done) break
      if (!(chunk.value instanceof Uint8Array)) throw new FetchJsonError('network')
      received += chunk.value.byteLength
      if (received > maxBytes) throw new FetchJsonError('too-large')
      text += decode(decoder, chunk.value)
    }
    return text + decode(decoder)
  } catch (error) {
    reader.cancel().catch(noop)
    throw error instanceof FetchJsonError ? error : new FetchJsonError('network', { cause: error })
  }
}

/** Decodes UTF-8 incrementally; the fatal decoder refuses invalid bytes instead of replacing them. */
function decode(decoder: TextDecoder, bytes?: Uint8Array): string {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true })
  } catch (error) {
    throw new FetchJsonError('invalid-json', { cause: error })
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new FetchJsonError('invalid-json', { cause: error })
  }
}

/** Lets the process exit while a fetch is pending; on runtimes without `unref` the timer is short-lived anyway. */
function unrefTimer(timer: unknown): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') {
    timer.unref()
  }
}
