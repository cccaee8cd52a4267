import { request } from 'node:http'

/** The parts of an HTTP answer the suite compares. */
export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

/**
 * Sends `GET path` to 127.0.0.1 with `node:http`, which writes an array header value as several header lines:
 * that is how the suite sends two `Authorization` headers.
 */
export function get(port: number, path: string, headers: Record<string, string | string[]>): Promise<HttpAnswer> {
  return send(port, 'GET', path, headers)
}

/** Like {@link get}, with another method (the suite's CORS preflights are `OPTIONS`). */
export function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string | string[]>,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const json = res.headers['content-type']?.startsWith('application/json') === true
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json ? JSON.parse(text) : text })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Parses `Bearer a="b", c="d"` into `{ a: 'b', c: 'd' }`; `null` for no header. */
export function parseChallenge(header: string | string[] | undefined): Record<string, string> | null {
  if (header === undefined) return null
  const value = Array.isArray(header) ? header.join(', ') : header
  if (!value.startsWith('Bearer')) return { scheme: value }
  const params: Record<string, string> = {}
  for (const [, name, param] of value.matchAll(/([a-z_]+)="([^"]*)"/g)) params[name as string] = param as string
  return params
}
