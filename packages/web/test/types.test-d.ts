import { expectTypeOf } from 'vitest'
import {
  authenticateRequest,
  type ConnectedAppAuth,
  createM2M,
  createStytchVerifier,
  type M2MAuth,
  type M2MTokenAuth,
  withM2M,
} from '../src/index.js'

// The caller is typed without casts: M2MAuth on required routes, M2MAuth | null where auth is optional.
withM2M(
  (request, auth) => {
    expectTypeOf(request).toEqualTypeOf<Request>()
    expectTypeOf(auth).toEqualTypeOf<M2MAuth>()
    if (auth.kind === 'connected-app') expectTypeOf(auth).toEqualTypeOf<ConnectedAppAuth>()
    else expectTypeOf(auth).toEqualTypeOf<M2MTokenAuth>()
    return new Response()
  },
  { projectId: 'project-test-1', tokenKinds: ['m2m', 'connected-app'] },
)
withM2M(
  (_request, auth) => {
    expectTypeOf(auth).toEqualTypeOf<M2MAuth | null>()
    return new Response()
  },
  { projectId: 'project-test-1', required: false },
)

// The runtime's arguments after the request pass through, typed: a Worker's (env, ctx), Next.js's context.
interface Env {
  KV: string
}
const worker = withM2M(
  (_request, _auth, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }) => {
    expectTypeOf(env.KV).toEqualTypeOf<string>()
    ctx.waitUntil(Promise.resolve())
    return new Response()
  },
  { projectId: 'project-test-1' },
)
expectTypeOf(worker).parameters.toEqualTypeOf<[Request, Env, { waitUntil(p: Promise<unknown>): void }]>()
expectTypeOf(worker).returns.toEqualTypeOf<Response | Promise<Response>>()

// Per-route `required` decides the caller's type on createM2M's handlers.
const m2m = createM2M({ projectId: 'project-test-1' })
m2m.withM2M((_request, auth) => {
  expectTypeOf(auth).toEqualTypeOf<M2MAuth>()
  return new Response()
})
m2m.withM2M(
  (_request, auth) => {
    expectTypeOf(auth).toEqualTypeOf<M2MAuth | null>()
    return new Response()
  },
  { required: false },
)
expectTypeOf(m2m.authenticateRequest).returns.toEqualTypeOf<Promise<M2MAuth>>()
expectTypeOf(createM2M({ projectId: 'p', required: false }).authenticateRequest).returns.toEqualTypeOf<
  Promise<M2MAuth | null>
>()

const verifier = createStytchVerifier({ projectId: 'project-test-1' })
expectTypeOf(authenticateRequest(new Request('https://x'), { verifier })).toEqualTypeOf<Promise<M2MAuth>>()

// @ts-expect-error errorHandling 'delegate' has no meaning for a Fetch handler
withM2M(() => new Response(), { projectId: 'p', errorHandling: 'delegate' })
// @ts-expect-error authenticateRequest takes a verifier, never Stytch options
authenticateRequest(new Request('https://x'), { projectId: 'p' })
