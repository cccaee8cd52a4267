import { createTokenSource } from '@m2m-guard/client'
import { createStytchVerifier } from '@m2m-guard/core'
import { assertSecureUrl, isLoopbackHost } from '@m2m-guard/core/options'
import { describe, expect, it } from 'vitest'

/**
 * One loopback rule for the verifying side (core) and the calling side (client): plain `http:` is accepted only
 * for hosts whose traffic never leaves the machine. The rule lives in core (`@m2m-guard/core/options`); the client
 * imports it. Hosts are written as they appear in a URL and go through the WHATWG URL parser, as they do in both
 * packages.
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

const PROJECT_ID = 'project-test-00000000-0000-4000-8000-000000000000'

/** Whether a call throws (a `TypeError` is the only failure these factories may produce for a URL option). */
function refuses(call: () => unknown): boolean {
  try {
    call()
    return false
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return true
  }
}

describe('the loopback rule', () => {
  it.each(HOSTS)('holds for %s (loopback: %s)', (host, loopback) => {
    expect(isLoopbackHost(new URL(`http://${host}:8080/`).hostname)).toBe(loopback)
  })

  it.each(HOSTS)('core and client agree on http://%s through their public behaviour', (host, loopback) => {
    const url = `http://${host}:8080`
    const core = refuses(() => assertSecureUrl(url, 'baseUrl'))
    const verifier = refuses(() => createStytchVerifier({ projectId: PROJECT_ID, baseUrl: url }))
    const client = refuses(() =>
      createTokenSource({ projectId: PROJECT_ID, clientId: 'id', clientSecret: 's', baseUrl: url }),
    )
    expect({ core, verifier, client }).toEqual({ core: !loopback, verifier: !loopback, client: !loopback })
  })

  // Issue 11: a *.localhost name resolves through the system resolver, so it may be another machine.
  it('refuses http://foo.localhost in the client exactly as core does', () => {
    const message = (call: () => unknown): string => {
      try {
        call()
      } catch (error) {
        return (error as Error).message
      }
      return 'accepted'
    }
    const url = 'http://foo.localhost:8080'
    const client = message(() =>
      createTokenSource({ projectId: PROJECT_ID, clientId: 'id', clientSecret: 's', baseUrl: url }),
    )
    expect(client).toMatch(/^m2m-guard: option "baseUrl" must be /)
    expect(client).toBe(message(() => assertSecureUrl(url, 'baseUrl')))
  })
})
