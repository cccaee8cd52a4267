/** A Fetch `Headers`, or anything with its `get` (a joined value for repeated headers). */
export interface HeadersLike {
  get(name: string): string | null
}

/** Node's `IncomingMessage.rawHeaders`: alternating names and values, every repeated header kept. */
export interface RawHeadersSource {
  readonly rawHeaders: readonly string[]
}

/** Node's `req.headers` style: lower-case names; an array holds a repeated header. */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>

/** Where the kit reads request headers from. */
export type HeaderSource = RawHeadersSource | HeadersLike | HeaderRecord

/**
 * Every `Authorization` value in Node's raw header list (see {@link readAuthorization}); the kit's fast path, for a
 * request whose `rawHeaders` it has already read once.
 *
 * @param rawHeaders - Alternating names and values.
 * @returns `undefined` for none, the value for one, all values for several.
 * @example
 * readRawAuthorization(['Host', 'a', 'Authorization', 'Bearer x']) // 'Bearer x'
 */
export function readRawAuthorization(rawHeaders: readonly string[]): string | string[] | undefined {
  let first: string | undefined
  let all: string[] | undefined
  for (let i = 0; i < rawHeaders.length; i += 2) {
    // Length first: most header names are not 13 characters long, so they cost no lower-casing.
    const name = rawHeaders[i] as string
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue
    const value = rawHeaders[i + 1] ?? ''
    if (first === undefined) first = value
    else if (all === undefined) all = [first, value]
    else all.push(value)
  }
  return all ?? first
}

function fromHeaders(headers: HeadersLike): string | string[] | undefined {
  const value = headers.get('authorization')
  if (value === null) return undefined
  // `Headers.get` joins repeated headers with ", ". A b64token has no comma (RFC 6750 §2.1), so a comma after the
  // scheme means two headers: handed on as two, core answers 400 as it does for Node's raw headers.
  const comma = value.indexOf(',')
  return comma === -1 ? value : value.split(/,\s*/)
}

function fromRecord(headers: HeaderRecord): string | string[] | undefined {
  const value = headers.authorization
  if (value === undefined || typeof value === 'string') return value
  return value.length === 1 ? value[0] : [...value]
}

/** Whether a header source is Node's raw headers (checked first: an `IncomingMessage` also has `headers`). */
export function isRawHeadersSource(source: HeaderSource): source is RawHeadersSource {
  return Array.isArray((source as Partial<RawHeadersSource>).rawHeaders)
}

/**
 * Every `Authorization` value of a request, from whatever the framework gives: Node's `rawHeaders`
 * (`req.headers` keeps only the first of two), a Fetch `Headers`, or a `req.headers`-style record.
 *
 * @param source - `{ rawHeaders }` (an `IncomingMessage` is one), a `Headers`-like, or a header record.
 * @returns `undefined` for none, the value for one, all values for several (core answers 400 to those).
 * @example
 * readAuthorization(req) // Node, Express, Koa's ctx.req, Fastify's request.raw
 * readAuthorization(request.headers) // Fetch API
 * readAuthorization({ rawHeaders: ['Authorization', 'Bearer a', 'authorization', 'Bearer b'] }) // ['Bearer a', 'Bearer b']
 */
export function readAuthorization(source: HeaderSource): string | string[] | undefined {
  if (isRawHeadersSource(source)) return readRawAuthorization(source.rawHeaders)
  if (typeof (source as Partial<HeadersLike>).get === 'function') return fromHeaders(source as HeadersLike)
  return fromRecord(source as HeaderRecord)
}

/**
 * One request header by its lower-case name, from any {@link HeaderSource} (the first value of a repeated one).
 *
 * @param source - Where to read.
 * @param name - Lower-case header name.
 * @returns The value, or `undefined`.
 * @example
 * readHeader(req, 'access-control-request-method')
 */
export function readHeader(source: HeaderSource, name: string): string | undefined {
  if (isRawHeadersSource(source)) {
    const raw = source.rawHeaders
    for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === name) return raw[i + 1]
    return undefined
  }
  if (typeof (source as Partial<HeadersLike>).get === 'function') return (source as HeadersLike).get(name) ?? undefined
  const value = (source as HeaderRecord)[name]
  return typeof value === 'string' ? value : value?.[0]
}
