/**
 * Every `Authorization` value of a request, from Node's `rawHeaders` (`req.headers` keeps only the first of two).
 *
 * @param rawHeaders - Alternating names and values, as in `IncomingMessage.rawHeaders`.
 * @returns `undefined` for none, the value for one, all values for several (core answers 400 to those).
 * @example
 * authorizationFromRawHeaders(['Authorization', 'Bearer a', 'authorization', 'Bearer b']) // ['Bearer a', 'Bearer b']
 */
export function authorizationFromRawHeaders(rawHeaders: readonly string[]): string | string[] | undefined {
  const values: string[] = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') values.push(rawHeaders[i + 1] ?? '')
  }
  return values.length > 1 ? values : values[0]
}
