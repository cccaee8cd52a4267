import { describe, expectTypeOf, it } from 'vitest'
import {
  type ConnectedAppAuth,
  createStytchVerifier,
  createVerifier,
  type M2MAuth,
  type M2MTokenAuth,
  type Verifier,
} from '../src/index.js'

const projectId = 'project-test-1'

describe('token kinds in the types', () => {
  it('types a default Stytch verifier as M2M-only', async () => {
    const verifier = createStytchVerifier({ projectId })
    expectTypeOf(verifier).toEqualTypeOf<Verifier<'m2m'>>()
    expectTypeOf(await verifier.verify('t')).toEqualTypeOf<M2MTokenAuth>()
    expectTypeOf(await verifier.authenticate('Bearer t')).toEqualTypeOf<M2MTokenAuth>()
    // @ts-expect-error: the synchronous entry is the adapter kit's, not part of the public Verifier
    verifier.authenticateSync
  })

  it('types a verifier of both kinds with the union, narrowed by kind', async () => {
    const verifier = createStytchVerifier({ projectId, tokenKinds: ['m2m', 'connected-app'] })
    const auth = await verifier.verify('t')
    expectTypeOf(auth).toEqualTypeOf<M2MTokenAuth | ConnectedAppAuth>()
    if (auth.kind === 'connected-app') {
      expectTypeOf(auth).toEqualTypeOf<ConnectedAppAuth>()
      expectTypeOf(auth.subject).toEqualTypeOf<string>()
      expectTypeOf(auth.organizationId).toEqualTypeOf<string | undefined>()
    } else {
      expectTypeOf(auth).toEqualTypeOf<M2MTokenAuth>()
      // @ts-expect-error only Connected Apps results have a subject
      auth.subject
    }
  })

  it('types a Connected-Apps-only verifier', async () => {
    const verifier = createStytchVerifier({ projectId, tokenKinds: ['connected-app'] })
    expectTypeOf(await verifier.verify('t')).toEqualTypeOf<ConnectedAppAuth>()
  })

  it('refuses unknown kinds at compile time', () => {
    // @ts-expect-error not a token kind
    createStytchVerifier({ projectId, tokenKinds: ['session'] })
  })

  it('types generic createVerifier results as the m2m kind', async () => {
    const verifier = createVerifier({ issuers: ['i'], audience: null, jwksUri: 'https://x' })
    expectTypeOf(await verifier.verify('t')).toEqualTypeOf<M2MTokenAuth>()
  })

  it('lets a verifier of any kind stand where a Verifier is expected; M2MAuth is the union', () => {
    expectTypeOf<Verifier<'m2m'>>().toMatchTypeOf<Verifier>()
    expectTypeOf<Verifier<'connected-app'>>().toMatchTypeOf<Verifier>()
    expectTypeOf<M2MAuth>().toEqualTypeOf<M2MTokenAuth | ConnectedAppAuth>()
    expectTypeOf<M2MAuth['clientId']>().toEqualTypeOf<string>()
  })

  it('keeps results read-only', () => {
    expectTypeOf<M2MTokenAuth['scopes']>().toEqualTypeOf<readonly string[]>()
    expectTypeOf<M2MTokenAuth['expiresAt']>().toEqualTypeOf<Date>()
  })
})
