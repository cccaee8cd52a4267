import { describe, expectTypeOf, it } from 'vitest'
import {
  createStytchVerifier,
  createVerifier,
  type M2MAuth,
  type M2MAuthError,
  type M2MErrorCode,
  type M2MTokenAuth,
  type StytchVerifierOptions,
  type Verifier,
  type VerifierOptions,
} from '../src/index.js'

describe('public types', () => {
  it('needs only projectId for the Stytch verifier', () => {
    expectTypeOf(createStytchVerifier).parameter(0).toMatchTypeOf<{ projectId: string }>()
    expectTypeOf<Pick<StytchVerifierOptions, 'projectId'>>().toEqualTypeOf<{ projectId: string }>()
    // @ts-expect-error projectId is required
    createStytchVerifier({})
    // @ts-expect-error unknown options are refused at compile time too
    createStytchVerifier({ projectId: 'project-test-1', secret: 'x' })
  })

  it('requires issuers, audience and jwksUri for the generic verifier; only null skips the audience', () => {
    expectTypeOf<VerifierOptions['audience']>().toEqualTypeOf<string | readonly string[] | null>()
    // @ts-expect-error audience is required
    createVerifier({ issuers: ['i'], jwksUri: 'https://x' })
    // @ts-expect-error only RSA algorithms
    createVerifier({ issuers: ['i'], audience: null, jwksUri: 'https://x', algorithms: ['HS256'] })
  })

  it('resolves verify to M2MTokenAuth (a default verifier accepts M2M tokens only) and authenticate to it or null only for optional auth', () => {
    const verifier = createStytchVerifier({ projectId: 'project-test-1' })
    expectTypeOf(verifier).toEqualTypeOf<Verifier<'m2m'>>()
    expectTypeOf(verifier.verify('t')).resolves.toEqualTypeOf<M2MTokenAuth>()
    expectTypeOf(verifier.authenticate('Bearer t')).resolves.toEqualTypeOf<M2MTokenAuth>()
    expectTypeOf(verifier.authenticate('Bearer t', { requiredScopes: ['a:b'] })).resolves.toEqualTypeOf<M2MTokenAuth>()
    expectTypeOf(verifier.authenticate(undefined, { required: false })).resolves.toEqualTypeOf<M2MTokenAuth | null>()
    expectTypeOf(verifier.authenticate(['a', 'b'])).resolves.toEqualTypeOf<M2MTokenAuth>()
  })

  it('exposes a readonly, fully typed result', () => {
    expectTypeOf<M2MAuth['clientId']>().toEqualTypeOf<string>()
    expectTypeOf<M2MAuth['scopes']>().toEqualTypeOf<readonly string[]>()
    expectTypeOf<M2MAuth['expiresAt']>().toEqualTypeOf<Date>()
    expectTypeOf<M2MAuth['customClaims']>().toEqualTypeOf<Readonly<Record<string, unknown>>>()
  })

  it('narrows error codes to a closed union', () => {
    expectTypeOf<M2MAuthError['code']>().toEqualTypeOf<M2MErrorCode>()
    expectTypeOf<'ERR_TOKEN_EXPIRED'>().toMatchTypeOf<M2MErrorCode>()
    expectTypeOf<'ERR_SOMETHING'>().not.toMatchTypeOf<M2MErrorCode>()
  })
})
