import { createServer } from 'node:http'
import Router from '@koa/router'
import { m2mAuth, requireAnyScope, requireScopes } from '@m2m-guard/koa'
import type Koa from 'koa'
import type { Middleware } from 'koa'
import { handlerBody, optionsFactory, preflightBody, renderFrameworkError } from '../routes.js'
import { close, type Harness, listen, REQUEST_ID, recordHandled } from './harness.js'

const custom: Middleware = async (ctx, next) => {
  try {
    await next()
  } catch (error) {
    const { status, headers, body } = renderFrameworkError(error)
    ctx.status = status
    ctx.set(headers)
    ctx.body = body
  }
}

/** Koa 2 and 3 share this harness, with @koa/router; `Koa` is the major's application class. */
export function koaHarness(name: string, KoaApp: typeof Koa): Harness {
  return {
    name,
    async start(routes, env) {
      const app = new KoaApp()
      app.silent = true
      const router = new Router()
      const handled = new Set<string>()
      const optionsFor = optionsFactory(env)
      for (const route of routes) {
        const options = optionsFor(route)
        const auth = m2mAuth(options)
        const chain: Middleware[] = [auth]
        if (route.errorHandler === 'custom') chain.unshift(custom)
        if (route.require) {
          const { rule, scopes } = route.require
          // The bound gates answer with the route's realm and error handling; the standalone ones (default realm,
          // own answer) are kept where the guard has neither, so both forms run the shared cases.
          const bound = options.realm !== undefined || options.errorHandling === 'delegate'
          if (bound) chain.push(rule === 'all' ? auth.requireScopes(...scopes) : auth.requireAnyScope(...scopes))
          else chain.push(rule === 'all' ? requireScopes(...scopes) : requireAnyScope(...scopes))
        }
        router.get(route.path, ...chain, (ctx) => {
          recordHandled(handled, ctx.get(REQUEST_ID) || undefined)
          ctx.body = handlerBody(route.path, ctx.state.m2m)
        })
        router.options(route.path, ...chain, (ctx) => {
          recordHandled(handled, ctx.get(REQUEST_ID) || undefined)
          ctx.body = preflightBody(route.path, ctx.state.m2m)
        })
      }
      app.use(router.routes())
      const server = createServer(app.callback())
      return { port: await listen(server), handled, close: () => close(server) }
    },
  }
}
