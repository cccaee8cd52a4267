import { Hono } from 'hono'
import { expectTypeOf } from 'vitest'
import { type ConnectedAppAuth, type M2MAuth, type M2MEnv, type M2MTokenAuth, m2mAuth } from '../src/index.js'

// The middleware carries its Variables: c.var.m2m is typed on the route without casts or a typed Hono.
const app = new Hono()
app.get('/a', m2mAuth({ projectId: 'project-test-1', tokenKinds: ['m2m', 'connected-app'] }), (c) => {
  const caller = c.var.m2m
  expectTypeOf(caller).toEqualTypeOf<M2MAuth>()
  expectTypeOf(c.get('m2m')).toEqualTypeOf<M2MAuth>()
  if (caller.kind === 'connected-app') expectTypeOf(caller).toEqualTypeOf<ConnectedAppAuth>()
  else expectTypeOf(caller).toEqualTypeOf<M2MTokenAuth>()
  return c.text(caller.clientId)
})

// Optional auth: the caller may be missing.
app.get('/b', m2mAuth({ projectId: 'project-test-1', required: false }), (c) => {
  expectTypeOf(c.var.m2m).toEqualTypeOf<M2MAuth | undefined>()
  return c.text('ok')
})

// A Hono typed with M2MEnv sees c.var.m2m on every route.
const typed = new Hono<M2MEnv>()
typed.use('/api/*', m2mAuth({ projectId: 'project-test-1' }))
typed.get('/api/users', (c) => {
  expectTypeOf(c.var.m2m).toEqualTypeOf<M2MAuth>()
  return c.text('ok')
})

// @ts-expect-error not an error handling mode
m2mAuth({ projectId: 'project-test-1', errorHandling: 'throw' })
