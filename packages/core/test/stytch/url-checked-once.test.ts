import { describe, expect, it, vi } from 'vitest'
import * as secureUrl from '../../src/http/secure-url.js'
import { createStytchVerifier } from '../../src/stytch/create-stytch-verifier.js'
import { createVerifier } from '../../src/verify/create-verifier.js'

// Issue 13: the URL of `issuer.listen()` handed to createStytchVerifier as `baseUrl` went through the URL rule three
// times (baseUrl, the derived jwksUri, the JWKS cache's url). It is checked once, where it is used.
vi.mock('../../src/http/secure-url.js', async (importOriginal) => {
  const original = await importOriginal<typeof secureUrl>()
  return { ...original, assertSecureUrl: vi.fn(original.assertSecureUrl) }
})

const check = vi.mocked(secureUrl.assertSecureUrl)
const PROJECT_ID = 'project-test-00000000-0000-4000-8000-000000000000'

/** The option a creation TypeError names. */
function refusedOption(create: () => unknown): string | undefined {
  try {
    create()
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return /option "([^"]+)"/.exec((error as Error).message)?.[1]
  }
  return undefined
}

describe('the JWKS URL is checked once per verifier', () => {
  it('from a Stytch baseUrl', () => {
    check.mockClear()
    createStytchVerifier({ projectId: PROJECT_ID, baseUrl: 'http://127.0.0.1:4010' })
    expect(check).toHaveBeenCalledTimes(1)
  })

  it('from a jwksUri', () => {
    check.mockClear()
    createVerifier({ issuers: ['https://issuer.example'], audience: 'api', jwksUri: 'https://issuer.example/jwks' })
    expect(check).toHaveBeenCalledTimes(1)
  })

  it.each(['http://stytch.example.com', 'http://foo.localhost', 'not a url', 'https://user:pw@stytch.example.com'])(
    'still refuses the baseUrl %s, naming baseUrl',
    (baseUrl) => {
      expect(refusedOption(() => createStytchVerifier({ projectId: PROJECT_ID, baseUrl }))).toBe('baseUrl')
    },
  )

  it('refuses a baseUrl that is not a string or URL, naming baseUrl', () => {
    const baseUrl = 42 as unknown as string
    expect(refusedOption(() => createStytchVerifier({ projectId: PROJECT_ID, baseUrl }))).toBe('baseUrl')
  })

  it('still refuses an insecure jwksUri, naming jwksUri', () => {
    const options = { issuers: ['https://issuer.example'], audience: 'api', jwksUri: 'http://issuer.example/jwks' }
    expect(refusedOption(() => createVerifier(options))).toBe('jwksUri')
  })
})
