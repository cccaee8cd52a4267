// Reads the curl commands an example prints and performs the same requests, so the README's promise
// "paste these and they work" is tested without needing curl or a shell.
import { spawnSync } from 'node:child_process'

/** An HTTP request as a printed curl command describes it. */
export interface CurlRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** `-d` values, in order. */
  data: string[]
}

// Shell words: single quotes literal, double quotes expand $VARS, bare words expand $VARS.
function shellWords(line: string, variables: Record<string, string>): string[] {
  const expand = (text: string): string =>
    text.replace(/\$(\w+)/g, (_, name: string) => {
      const value = variables[name]
      if (value === undefined) throw new Error(`The command uses $${name}, which no earlier command set`)
      return value
    })
  const words: string[] = []
  for (const match of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    words.push(match[1] ?? expand(match[2] ?? match[3] ?? ''))
  }
  return words
}

/**
 * Parses a printed `curl …` command. Only the flags the examples print are understood; anything else fails the
 * test, so the parser and the printed commands cannot drift apart silently.
 *
 * @param command - The command, without a trailing comment.
 * @param variables - Shell variables set by earlier commands (`READ_TOKEN`, …).
 * @returns The request.
 */
export function parseCurl(command: string, variables: Record<string, string>): CurlRequest {
  const [curl, ...words] = shellWords(command, variables)
  if (curl !== 'curl') throw new Error(`Not a curl command: ${command}`)
  const request: CurlRequest = { method: 'GET', url: '', headers: {}, data: [] }
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!
    const value = (): string => {
      i += 1
      const next = words[i]
      if (next === undefined) throw new Error(`${word} needs a value in: ${command}`)
      return next
    }
    if (word === '-i' || word === '-s') continue
    if (word === '-X') request.method = value()
    else if (word === '-H') {
      const [name = '', ...rest] = value().split(':')
      request.headers[name.trim().toLowerCase()] = rest.join(':').trim()
    } else if (word === '-d') request.data.push(value())
    else if (/^https?:\/\//.test(word) && request.url === '') request.url = word
    else throw new Error(`Unexpected curl argument ${word} in: ${command}`)
  }
  // curl's -d sends a form POST unless told otherwise.
  if (request.data.length > 0 && request.method === 'GET') request.method = 'POST'
  return request
}

/**
 * Sends a parsed curl request with fetch.
 *
 * @param request - The request.
 * @returns The response.
 */
export function send(request: CurlRequest): Promise<Response> {
  const headers = { ...request.headers }
  headers['content-type'] ??= 'application/x-www-form-urlencoded'
  return fetch(request.url, {
    method: request.method,
    headers: request.data.length > 0 ? headers : request.headers,
    body: request.data.length > 0 ? request.data.join('&') : undefined,
  })
}

/**
 * Runs a printed `NAME=$(curl … | node -p '<expression>')` line: the request with fetch, the extraction with the
 * printed Node expression.
 *
 * @param line - The printed line.
 * @returns The variable name and its value.
 */
export async function runAssignment(line: string): Promise<{ name: string; value: string }> {
  const match = /^(\w+)=\$\((curl .+) \| node -p '([^']+)'\)$/.exec(line)
  if (match === null) throw new Error(`Not a token command: ${line}`)
  const [, name = '', curl = '', expression = ''] = match
  const response = await send(parseCurl(curl, {}))
  const extracted = spawnSync(process.execPath, ['-p', expression], { input: await response.text(), encoding: 'utf8' })
  if (extracted.status !== 0) throw new Error(`The extraction failed: ${extracted.stderr}`)
  return { name, value: extracted.stdout.trim() }
}
