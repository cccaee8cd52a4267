import { describe, expect, it } from 'vitest'
import { isLoopbackHost as clientIsLoopback } from '../../packages/client/src/url-rules.js'
import { isLoopbackHost as coreIsLoopback } from '../../packages/core/src/http/secure-url.js'

/**
 * One loopback rule for the verifying side (core) and the calling side (client): plain `http:` is accepted only
 * for hosts whose traffic never leaves the machine. Hosts are written as they appear in a URL and go through the
 * WHATWG URL parser, as they do in both packages.
 */
const HOSTS: readonly (readonly [host: string, loopback: boolean])[] = [
  ['localhost', true],
  ['LOCALHOST', true],
  ['localhost.', false],
  ['foo.localhost', false],
  ['FOO.LOCALHOST', false],
  ['localhost.example.com', false],
  ['127.0.0.1', true],
  ['127.1', true],
  ['0x7f.0.0.1', true],
  ['2130706433', true],
  ['127.255.255.254', true],
  ['127.0.0.1.nip.io', false],
  ['128.0.0.1', false],
  ['126.255.255.255', false],
  ['0.0.0.0', false],
  ['10.0.0.1', false],
  ['[::1]', true],
  ['[0:0:0:0:0:0:0:1]', true],
  ['[::]', false],
  ['[::ffff:127.0.0.1]', false],
  ['example.com', false],
]

describe('the loopback rule of core and client', () => {
  it.each(HOSTS)('agrees on %s (loopback: %s)', (host, loopback) => {
    const hostname = new URL(`http://${host}:8080/`).hostname
    expect(coreIsLoopback(hostname)).toBe(loopback)
    expect(clientIsLoopback(hostname)).toBe(loopback)
  })

  it.each(HOSTS)('agrees on the unparsed string %s', (host) => {
    expect(clientIsLoopback(host)).toBe(coreIsLoopback(host))
  })
})
