// The entries bundled per runtime, as source text: each imports the bench app and serves it on a loopback port.

/** Bun: prints the port it listens on. */
export const BUN_ENTRY = `import { createBenchApp } from './bench-app.js'
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createBenchApp() })
console.log('LISTENING ' + server.port)
`

/** Deno: prints the port it listens on. */
export const DENO_ENTRY = `import { createBenchApp } from './bench-app.js'
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log('LISTENING ' + port) }, createBenchApp())
`

/** workerd: a module Worker; the port is in its config. */
export const WORKER_ENTRY = `import { createBenchApp } from './bench-app.js'
const app = createBenchApp()
export default { fetch: (request) => app(request) }
`

/** Node: a minimal Fetch-to-node:http bridge for GET requests. */
export const NODE_ENTRY = `import { createServer } from 'node:http'
import { createBenchApp } from './bench-app.js'
const app = createBenchApp()
const server = createServer(async (req, res) => {
  const response = await app(new Request('http://127.0.0.1' + req.url))
  res.writeHead(response.status, { 'content-type': 'application/json' })
  res.end(await response.text())
})
server.listen(0, '127.0.0.1', () => console.log('LISTENING ' + server.address().port))
`

/**
 * The smallest Worker that verifies tokens, for the bundle size: one protected route through `@m2m-guard/web`.
 */
export const MINIMAL_WORKER = `import { withM2M } from '@m2m-guard/web'
export default {
  fetch: withM2M((request, auth) => Response.json({ caller: auth.clientId }), { projectId: 'project-live-00000000-0000-4000-8000-000000000000' }),
}
`

/** The same with Hono. */
export const MINIMAL_HONO_WORKER = `import { Hono } from 'hono'
import { m2mAuth } from '@m2m-guard/hono'
const app = new Hono()
app.get('/users', m2mAuth({ projectId: 'project-live-00000000-0000-4000-8000-000000000000' }), (c) => c.json({ caller: c.var.m2m.clientId }))
export default app
`
