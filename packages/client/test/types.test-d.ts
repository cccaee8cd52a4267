import { describe, expectTypeOf, it } from 'vitest'
import {
  createTokenSource,
  type M2MClientError,
  type M2MClientErrorCode,
  type TokenRequestRejectedError,
  type TokenSource,
  type TokenSourceEvent,
} from '../src/index.js'

const required = { projectId: 'project-test-1', clientId: 'm2m-client-test-1', clientSecret: 's' }

describe('public types', () => {
  it('requires the project id and the client credentials', () => {
    expectTypeOf(createTokenSource).returns.toEqualTypeOf<TokenSource>()
    // @ts-expect-error clientSecret is required
    createTokenSource({ projectId: 'project-test-1', clientId: 'm2m-client-test-1' })
    // @ts-expect-error unknown options are refused at compile time too
    createTokenSource({ ...required, clientSecrets: 'typo' })
    // @ts-expect-error only the two RFC 6749 §2.3.1 methods
    createTokenSource({ ...required, authMethod: 'private_key_jwt' })
  })

  it('makes tokens.fetch usable wherever a fetch is expected', () => {
    const tokens = createTokenSource(required)
    expectTypeOf(tokens.fetch).toMatchTypeOf<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>()
    expectTypeOf(tokens.getToken()).toEqualTypeOf<Promise<string>>()
  })

  it('lets a switch on code narrow the error', () => {
    expectTypeOf<M2MClientError['code']>().toEqualTypeOf<M2MClientErrorCode>()
    expectTypeOf<TokenRequestRejectedError['code']>().toEqualTypeOf<'ERR_TOKEN_REQUEST_REJECTED'>()
    expectTypeOf<TokenRequestRejectedError['error']>().toEqualTypeOf<string | undefined>()
  })

  it('lets a switch on type narrow the event', () => {
    const handle = (event: TokenSourceEvent): number | undefined => {
      if (event.type === 'token-retry') return event.delay
      return undefined
    }
    expectTypeOf(handle).returns.toEqualTypeOf<number | undefined>()
  })
})
