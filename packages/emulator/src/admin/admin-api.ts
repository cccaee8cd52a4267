import type { FaultOptions, Faults, TestIssuer } from '@m2m-guard/testing'
import type { EmulatorContext } from '../emulator-context.js'
import type { EmulatedProject } from '../project.js'
import { adminError, json } from '../server/responses.js'
import { mintFromRequest, TOKEN_FIELDS } from './mint-request.js'
import { overview } from './overview.js'
import { readJsonBody, unknownField } from './read-json.js'

/** The reserved path prefix of the admin API; no Stytch route starts with it. */
export const ADMIN_PREFIX = '/__emulator/'

type Body = Record<string, unknown>
type Action = (context: EmulatorContext, body: Body, url: URL) => Promise<Response>

class BadRequest extends Error {}

function pickProject(context: EmulatorContext, body: Body): EmulatedProject {
  const id = body.project_id
  if (id !== undefined && typeof id !== 'string') throw new BadRequest('"project_id" must be a string')
  const project = context.project(id)
  if (project === undefined) throw new BadRequest(`no project ${String(id)}`)
  return project
}

function checkFields(body: Body, known: readonly string[]): void {
  const field = unknownField(body, known)
  if (field !== undefined) throw new BadRequest(`unknown field "${field}" (known: ${known.join(', ') || 'none'})`)
}

// Fault groups are whatever the engine's fault controller offers (jwks, token, api, and any it adds later).
function faultGroup(issuer: TestIssuer, route: unknown): keyof Faults {
  const faults = issuer.faults as unknown as Record<string, unknown>
  if (typeof route !== 'string' || route === 'reset' || typeof faults[route] !== 'function') {
    throw new BadRequest('"route" must be one of jwks, token, api')
  }
  return route as keyof Faults
}

const clockState = (context: EmulatorContext): Body => ({
  now: new Date(context.clock.now()).toISOString(),
  now_ms: context.clock.now(),
  offset_ms: context.clock.offsetMs,
})

const GET: Record<string, Action> = {
  state: async (context) => json(200, { clock: clockState(context), projects: await overview(context) }),
  requests: async (context, _body, url) => {
    const limit = Number(url.searchParams.get('limit') ?? 50)
    return json(200, { requests: context.log.recent(Number.isInteger(limit) && limit > 0 ? limit : 50) })
  },
  counters: async (context) =>
    json(200, {
      projects: Object.fromEntries(context.projects.map((project) => [project.id, { ...project.issuer.counters }])),
    }),
  clock: async (context) => json(200, clockState(context)),
}

const POST: Record<string, Action> = {
  reset: async (context, body) => {
    checkFields(body, ['state'])
    for (const project of context.projects) {
      project.issuer.faults.reset()
      project.issuer.resetCounters()
    }
    context.clock.reset()
    context.log.clear()
    if (body.state === true) await context.resetProjects()
    return json(200, { reset: true, state: body.state === true })
  },
  'keys/rotate': async (context, body) => {
    checkFields(body, ['project_id'])
    const project = pickProject(context, body)
    const kid = await project.rotateKey()
    await context.changed()
    return json(200, { project_id: project.id, kid })
  },
  'keys/retire': async (context, body) => {
    checkFields(body, ['project_id', 'kid'])
    const project = pickProject(context, body)
    if (typeof body.kid !== 'string') throw new BadRequest('"kid" must be the kid to stop publishing')
    project.issuer.retireKey(body.kid)
    await context.changed()
    return json(200, { project_id: project.id, retired: body.kid })
  },
  faults: async (context, body) => {
    checkFields(body, ['project_id', 'route', 'mode', 'status', 'delay_ms', 'retry_after', 'times'])
    const projects = body.project_id === undefined ? context.projects : [pickProject(context, body)]
    const options: FaultOptions = {
      status: body.status as number | undefined,
      delay: body.delay_ms as number | undefined,
      retryAfter: body.retry_after as number | undefined,
      times: body.times as number | undefined,
    }
    for (const project of projects) {
      const group = faultGroup(project.issuer, body.route)
      const set = project.issuer.faults[group] as (mode: unknown, options: FaultOptions) => void
      set.call(project.issuer.faults, body.mode, options)
    }
    return json(200, { projects: projects.map((project) => project.id), route: body.route, mode: body.mode })
  },
  tokens: async (context, body) => {
    checkFields(body, TOKEN_FIELDS)
    const project = pickProject(context, body)
    return json(200, { project_id: project.id, access_token: await mintFromRequest(project.issuer, body) })
  },
  clock: async (context, body) => {
    checkFields(body, ['now', 'advance_seconds'])
    if (body.now !== undefined) {
      const ms = typeof body.now === 'number' ? body.now * 1000 : Date.parse(String(body.now))
      if (!Number.isFinite(ms)) throw new BadRequest('"now" must be Unix seconds or an ISO 8601 date')
      context.clock.set(ms)
    }
    if (body.advance_seconds !== undefined) {
      if (typeof body.advance_seconds !== 'number' || !Number.isFinite(body.advance_seconds)) {
        throw new BadRequest('"advance_seconds" must be a number (negative goes back)')
      }
      context.clock.advance(body.advance_seconds * 1000)
    }
    return json(200, clockState(context))
  },
}

const DELETE: Record<string, Action> = {
  faults: async (context) => {
    for (const project of context.projects) project.issuer.faults.reset()
    return json(200, { reset: true })
  },
  clock: async (context) => {
    context.clock.reset()
    return json(200, clockState(context))
  },
}

/**
 * Answers a request under `/__emulator/`. JSON in (`content-type: application/json`), JSON out; errors are
 * `{ "error", "message" }` with 400 (bad input), 404 (no such action) or 405.
 *
 * @param context - The running emulator.
 * @param request - The request; its path starts with {@link ADMIN_PREFIX}.
 * @returns The response.
 */
export async function handleAdmin(context: EmulatorContext, request: Request): Promise<Response> {
  const url = new URL(request.url)
  const action = url.pathname.slice(ADMIN_PREFIX.length)
  const table = { GET, POST, DELETE }[request.method as 'GET' | 'POST' | 'DELETE']
  const run = table?.[action]
  if (run === undefined) {
    const allowed = Object.entries({ GET, POST, DELETE })
      .filter(([, routes]) => routes[action] !== undefined)
      .map(([method]) => method)
    if (allowed.length === 0) return adminError(404, 'not_found', `no admin action ${action}`)
    return new Response(null, { status: 405, headers: { allow: allowed.join(', ') } })
  }
  let body: Body = {}
  // Only POST carries options. Browsers send DELETE across sites only after a CORS preflight, which is never granted.
  if (request.method === 'POST') {
    const read = await readJsonBody(request)
    if (!read.ok) return adminError(read.status, 'bad_body', read.message)
    body = read.body
  }
  try {
    return await run(context, body, url)
  } catch (error) {
    if (error instanceof BadRequest || error instanceof TypeError) return adminError(400, 'bad_request', error.message)
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      return adminError(400, error.code, error.message)
    }
    throw error
  }
}
