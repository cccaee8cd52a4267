import { createServer } from 'node:http'
import { m2mAuth, requireAnyScope, requireScopes } from '@m2m-guard/express'
import type { ErrorRequestHandler, Express, RequestHandler } from 'express'
import { handlerBody, optionsFactory, preflightBody, renderFrameworkError } from '../routes.js'
import { close, type Harness, listen, REQUEST_ID, recordHandled } from './harness.js'

/** Express 4 and 5 share this harness; `express` is the major's default export. */
export function expressHarness(name: string, express: () => Express): Harness {
  return {
    name,
    async start(routes, env) {
      const app = express()
      const handled = new Set<string>()
      const optionsFor = optionsFactory(env)
      const custom: ErrorRequestHandler = (error, _req, res, _next) => {
        const { status, headers, body } = renderFrameworkError(error)
        res.status(status).set(headers).json(body)
      }
      for (const route of routes) {
        const options = optionsFor(route)
        const auth = m2mAuth(options)
        const chain: RequestHandler[] = [auth]
        if (route.require) {
          const { rule, scopes } = route.require
          // The bound gates answer with the route's realm and error handling; the standalone ones (default realm,
          // own answer) are kept where the guard has neither, so both forms run the shared cases.
          const bound = options.realm !== undefined || options.errorHandling === 'delegate'
          if (bound) chain.push(rule === 'all' ? auth.requireScopes(...scopes) : auth.requireAnyScope(...scopes))
          else chain.push(rule === 'all' ? requireScopes(...scopes) : requireAnyScope(...scopes))
        }
        app.get(route.path, ...chain, (req, res) => {
          recordHandled(handled, req.headers[REQUEST_ID])
          res.json(handlerBody(route.path, req.m2m))
        })
        app.options(route.path, ...chain, (req, res) => {
          recordHandled(handled, req.headers[REQUEST_ID])
          res.json(preflightBody(route.path, req.m2m))
        })
        if (route.errorHandler === 'custom') app.use(route.path, custom)
      }
      const server = createServer(app)
      return { port: await listen(server), handled, close: () => close(server) }
    },
  }
}
