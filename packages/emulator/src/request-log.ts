/** One served request, as the inspector, the admin API and `--json` show it. Never holds a secret or a token. */
export interface RequestRecord {
  /** ISO 8601 time on the real clock. */
  time: string
  method: string
  /** The path without the query string. */
  path: string
  status: number
  /** The project the request went to, when it went to one. */
  project_id: string | undefined
  /** The M2M client the request named (token requests) or addressed (client API), when any. */
  client_id: string | undefined
  duration_ms: number
}

/** The last requests, newest last, bounded so a long-running emulator does not grow. */
export class RequestLog {
  readonly #limit: number
  #records: RequestRecord[] = []

  /**
   * @param limit - How many records to keep. Default 200.
   */
  constructor(limit: number = 200) {
    this.#limit = limit
  }

  /** Adds a record, dropping the oldest beyond the limit. */
  add(record: RequestRecord): void {
    this.#records.push(record)
    if (this.#records.length > this.#limit) this.#records = this.#records.slice(-this.#limit)
  }

  /** The records, newest first. */
  recent(count: number = this.#limit): RequestRecord[] {
    return this.#records.slice(-count).reverse()
  }

  /** Forgets every record. */
  clear(): void {
    this.#records = []
  }
}

/**
 * The client id a request names, for the log: Basic username or `client_id` of a token request body, or the id in a
 * client API path. Reads a clone, so the engine still gets the body.
 */
export async function requestClientId(request: Request, path: string): Promise<string | undefined> {
  const apiPath = /^\/v1\/m2m\/clients\/([^/]+)/.exec(path)
  if (apiPath !== null && apiPath[1] !== 'search') return safeDecode(apiPath[1]!)
  if (request.method !== 'POST' || !path.includes('/oauth2/')) return undefined
  const authorization = request.headers.get('authorization')
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
    const username = decoded.split(':')[0]
    return username === undefined || username === '' ? undefined : safeDecode(username.replaceAll('+', ' '))
  }
  const text = await request.clone().text()
  if ((request.headers.get('content-type') ?? '').includes('json')) {
    try {
      const clientId: unknown = (JSON.parse(text) as { client_id?: unknown }).client_id
      return typeof clientId === 'string' ? clientId : undefined
    } catch {
      return undefined
    }
  }
  return new URLSearchParams(text).get('client_id') ?? undefined
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
