/** Why a body could not be read in full: it is larger than allowed. */
export const TOO_LARGE: unique symbol = Symbol('too large')

/**
 * Reads a response body as UTF-8 text, at most `maxBytes` of it. A declared `Content-Length` above the cap fails
 * before reading; otherwise the body is read chunk by chunk and the transfer is cancelled as soon as it passes the
 * cap, so a huge answer is never buffered (`response.text()` would hold all of it, several times over, in memory).
 *
 * @param response - The answer whose body to read.
 * @param maxBytes - Largest accepted body, in bytes.
 * @param deadline - Raced against every read, so a stalled body cannot outlive the attempt's timeout.
 * @returns The text, or {@link TOO_LARGE} (the body is then cancelled).
 * @throws The stream's error, or the deadline's rejection.
 * @example
 * const text = await readBoundedText(response, 65_536, deadline)
 * if (text === TOO_LARGE) return tooLarge()
 */
export async function readBoundedText(
  response: Response,
  maxBytes: number,
  deadline: Promise<never>,
): Promise<string | typeof TOO_LARGE> {
  const body = response.body
  if (body === null) return ''
  const declared = response.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) {
    body.cancel().catch(() => undefined)
    return TOO_LARGE
  }
  const reader = body.getReader()
  // Not fatal, like `response.text()`: a stray byte makes the JSON invalid, which is reported as such.
  const decoder = new TextDecoder()
  let received = 0
  let text = ''
  try {
    for (;;) {
      const chunk = await Promise.race([reader.read(), deadline])
      if (chunk.done) return text + decoder.decode()
      if (!(chunk.value instanceof Uint8Array)) throw new TypeError('response body chunk is not bytes')
      received += chunk.value.byteLength
      if (received > maxBytes) {
        reader.cancel().catch(() => undefined)
        return TOO_LARGE
      }
      text += decoder.decode(chunk.value, { stream: true })
    }
  } catch (error) {
    reader.cancel().catch(() => undefined)
    throw error
  }
}
