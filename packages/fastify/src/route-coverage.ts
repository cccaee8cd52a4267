import { MissingTokenError } from '@m2m-guard/core'
import { renderError } from '@m2m-guard/core/adapter'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify'

// Kept on the app's root instance under a registry symbol, so that two copies of this package in one process (the
// ESM and the CommonJS build, or two versions) share one record and install the app-wide hooks once. Versioned:
// a copy that needs another shape uses another key.
const COVERAGE = Symbol.for('m2m-guard.fastify.coverage.v1')

/** A Fastify context (an instance; children are `Object.create(parent)`). */
type Context = object

/** A route with `config.m2m` declared where no registration covered it yet. */
interface PendingRoute {
  readonly context: Context
  readonly route: string
}

/** Which contexts of one app a registration of the plugin guards, and what was declared outside them. */
interface Coverage {
  /** The app's root instance, which holds this record. */
  readonly root: FastifyInstance
  /** The contexts the plugin was registered on: the routes of these and of their descendants are guarded. */
  readonly guarded: WeakSet<Context>
  /** Contexts we added {@link Coverage.record} to; contexts created after that copied it from their parent. */
  readonly watched: WeakSet<Context>
  /** Route options already recorded: a context can hold the recording hook more than once. */
  readonly seen: WeakSet<object>
  /** Routes with `config.m2m` outside every guarded context when declared; checked again when the app is ready. */
  readonly pending: PendingRoute[]
  /** The `onRoute` hook that fills `pending`. */
  readonly record: (this: FastifyInstance, route: RouteOptions) => void
  /** Whether the root's `onReady` and `onRequest` hooks are installed. */
  installed: boolean
}

/**
 * Records that the plugin guards `app` (the context it was registered on) and makes sure a route with
 * `config.m2m` that no registration guards cannot be public:
 *
 * - declared once a registration has loaded, it makes `ready()` (so `listen()` and `inject()`) reject with a
 *   `TypeError` naming `config.m2m` and the route, unless a registration covering it loads before the app is
 *   ready;
 * - whenever it was declared, a request to it is answered 401 (`ERR_MISSING_TOKEN`, as a scope check without a
 *   caller) and the misconfiguration is logged once per route.
 *
 * Fastify runs a context's `onRoute` hooks when a route is declared, and a new context copies its parent's hooks;
 * `onRequest` hooks added to the root reach every context, and are bound to the context that declared the route.
 * A route is guarded when its context is a guarded context or inherits from one: exactly the routes the plugin's
 * own `onRequest` hook runs for. Registered at the root, the plugin guards every route and nothing is added.
 *
 * @param app - The context the plugin was registered on.
 * @throws {TypeError} from `ready()`, `"config.m2m"` in the message, when a route declared after the first
 *   registration loaded has `config.m2m` and no registration covers it.
 * @example
 * const m2mGuardPlugin: FastifyPluginAsync<M2MAuthOptions> = async (app, options) => {
 *   guardContext(app)
 *   // …
 * }
 */
export function guardContext(app: FastifyInstance): void {
  const coverage = coverageOf(app)
  coverage.guarded.add(app)
  // At the root (the documented setup) the plugin's own hook runs for every route of the app: nothing to watch,
  // and no hook of ours on the request path.
  if (coverage.guarded.has(coverage.root)) return
  if (!coverage.installed) {
    coverage.installed = true
    installRootHooks(coverage)
  }
  // This context's ancestors are still being loaded, so they may declare routes after this point; they were
  // created before the recording hook existed and did not copy it: add it to each of them (contexts created from
  // now on copy it from their parent; those loaded before have declared their routes already).
  for (let context = Object.getPrototypeOf(app); isFastify(context); context = Object.getPrototypeOf(context)) {
    if (coverage.watched.has(context)) continue
    coverage.watched.add(context)
    ;(context as FastifyInstance).addHook('onRoute', coverage.record)
  }
}

function coverageOf(app: FastifyInstance): Coverage {
  const existing = (app as unknown as Record<symbol, Coverage | undefined>)[COVERAGE]
  if (existing !== undefined) return existing
  const root = rootOf(app)
  const coverage: Coverage = {
    root,
    guarded: new WeakSet(),
    watched: new WeakSet(),
    seen: new WeakSet(),
    pending: [],
    record(route) {
      if (route.config?.m2m === undefined || coverage.seen.has(route)) return
      coverage.seen.add(route)
      if (!isGuarded(coverage, this))
        coverage.pending.push({ context: this, route: routeName(route.method, route.url) })
    },
    installed: false,
  }
  // Children inherit it through the prototype chain: every context of this app finds the same record.
  Object.defineProperty(root, COVERAGE, { value: coverage })
  return coverage
}

/** At ready: fail for the routes recorded outside every guarded context; per request: fail closed for any such. */
function installRootHooks(coverage: Coverage): void {
  coverage.root.addHook('onReady', async () => {
    const uncovered = coverage.pending.filter((pending) => !isGuarded(coverage, pending.context))
    coverage.pending.length = 0
    if (uncovered.length > 0) throw new TypeError(uncoveredMessage(uncovered.map((pending) => pending.route)))
  })
  const logged = new WeakSet<object>()
  // Added to the root, Fastify gives it to every context, existing or not; `this` is the route's context.
  coverage.root.addHook(
    'onRequest',
    function failClosed(
      this: FastifyInstance,
      request: FastifyRequest,
      reply: FastifyReply,
      done: HookHandlerDoneFunction,
    ) {
      if (isGuarded(coverage, this)) {
        done()
        return
      }
      const { config, method, url } = request.routeOptions
      if (config?.m2m === undefined) {
        done()
        return
      }
      if (!logged.has(config)) {
        logged.add(config)
        request.log.error(`${uncoveredMessage([routeName(method, url ?? '')])}; answering 401 to every request`)
      }
      const { status, headers, body } = renderError(new MissingTokenError())
      reply.code(status).headers(headers).send(body)
    },
  )
}

/** Whether `context`, or a context it inherits from, is one the plugin was registered on. */
function isGuarded(coverage: Coverage, context: Context): boolean {
  for (let current: Context | null = context; isFastify(current); current = Object.getPrototypeOf(current)) {
    if (coverage.guarded.has(current)) return true
  }
  return false
}

/** The app's root instance: the last Fastify instance up the prototype chain. */
function rootOf(app: FastifyInstance): FastifyInstance {
  let root: Context = app
  for (let parent = Object.getPrototypeOf(root); isFastify(parent); parent = Object.getPrototypeOf(parent)) {
    root = parent
  }
  return root as FastifyInstance
}

/**
 * A Fastify 4/5 instance: each (the root, an object literal, and every child) has its own `ready`; plain objects
 * such as `Object.prototype` up the chain have not.
 */
function isFastify(value: Context | null): value is Context {
  return (
    value !== null && Object.hasOwn(value, 'ready') && typeof (value as { addHook?: unknown }).addHook === 'function'
  )
}

function routeName(method: RouteOptions['method'] | undefined, url: string): string {
  return `${Array.isArray(method) ? method.join(',') : String(method)} ${url}`
}

function uncoveredMessage(routes: readonly string[]): string {
  return (
    `m2m-guard: option "config.m2m" of ${routes.length === 1 ? 'route' : 'routes'} ${routes.join(', ')} must be ` +
    'in a context where @m2m-guard/fastify is registered (no guard runs there, so the route would be public): ' +
    "register the plugin in the route's context or a parent of it, for example at the root"
  )
}
