import { ADMIN_PREFIX, handleAdmin } from './admin/admin-api.js'
import type { EmulatorClock } from './clock.js'
import type { EmulatorConfig } from './config/emulator-config.js'
import type { EmulatorContext } from './emulator-context.js'
import { handleInspectorAction, UI_PREFIX } from './inspector/inspector-actions.js'
import { renderInspector } from './inspector/render-page.js'
import { EmulatedProject } from './project.js'
import { RequestLog, type RequestRecord, requestClientId } from './request-log.js'
import { crossSite, hostIsLocal } from './server/guards.js'
import { html, json } from './server/responses.js'
import { STATE_FORMAT, STATE_VERSION, type StateDocument, writeStateFile } from './state/state-file.js'
import type { TlsMaterial } from './tls/generate-tls.js'

/** How the app was set up. Internal. */
export interface AppInit {
  config: EmulatorConfig
  clock: EmulatorClock
  projects: EmulatedProject[]
  stateFile: string | undefined
  allowRemote: boolean
  /** Saved with the state, so the CA stays the same across restarts. */
  tls: TlsMaterial | undefined
  onRequest: ((record: RequestRecord) => void) | undefined
}

/**
 * The emulator behind the socket: `/health`, the inspector at `/`, the admin API under `/__emulator/`, and every other
 * path handed to the project's `@m2m-guard/testing` engine, which serves Stytch's routes.
 */
export class EmulatorApp implements EmulatorContext {
  readonly clock: EmulatorClock
  readonly log: RequestLog = new RequestLog()
  readonly startedAt: number = Date.now()
  baseUrl = ''
  #projects: EmulatedProject[]
  readonly #init: AppInit
  #saving: Promise<void> = Promise.resolve()
  #saved: string | undefined

  constructor(init: AppInit) {
    this.#init = init
    this.clock = init.clock
    this.#projects = init.projects
  }

  get projects(): readonly EmulatedProject[] {
    return this.#projects
  }

  project(id: string | undefined): EmulatedProject | undefined {
    return id === undefined ? this.#projects[0] : this.#projects.find((project) => project.id === id)
  }

  /** Saves the state file when its contents changed; saves run one after another. */
  changed(): Promise<void> {
    const { stateFile } = this.#init
    if (stateFile === undefined) return Promise.resolve()
    this.#saving = this.#saving.then(async () => {
      const document: StateDocument = {
        format: STATE_FORMAT,
        version: STATE_VERSION,
        projects: {},
        tls: this.#init.tls,
      }
      for (const project of this.#projects) document.projects[project.id] = await project.state()
      const text = JSON.stringify(document)
      if (text === this.#saved) return
      await writeStateFile(stateFile, document)
      this.#saved = text
    })
    return this.#saving
  }

  async resetProjects(): Promise<void> {
    this.#projects = await Promise.all(
      this.#init.config.projects.map((config) => EmulatedProject.start(config, this.clock)),
    )
    await this.changed()
  }

  /** Answers one request and logs it. */
  async handle(request: Request): Promise<Response> {
    const started = performance.now()
    const path = new URL(request.url).pathname
    let project: EmulatedProject | undefined
    let clientId: string | undefined
    let response: Response
    if (path === '/health') {
      response = json(200, { status: 'ok' })
    } else if (path === '/' || path.startsWith(ADMIN_PREFIX)) {
      response = await this.#local(request, path).catch((error: unknown) =>
        json(500, { error: 'internal', message: error instanceof Error ? error.message : String(error) }),
      )
    } else {
      project = this.#route(request, path)
      clientId = await requestClientId(request, path).catch(() => undefined)
      response = await project.issuer.handle(request)
      // Client API changes and rotations must survive a restart: saved before the answer goes out.
      if (request.method !== 'GET' && response.status < 400) await this.changed()
    }
    const record: RequestRecord = {
      time: new Date().toISOString(),
      method: request.method,
      path,
      status: response.status,
      project_id: project?.id,
      client_id: clientId,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    }
    this.log.add(record)
    this.#init.onRequest?.(record)
    return response
  }

  // The inspector and the admin API: only for this machine unless --allow-remote, never for another site's page.
  async #local(request: Request, path: string): Promise<Response> {
    if (!this.#init.allowRemote && !hostIsLocal(request)) {
      return json(403, { error: 'forbidden', message: 'the inspector and admin API answer only loopback host names' })
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && crossSite(request)) {
      return json(403, { error: 'forbidden', message: 'cross-site requests are refused' })
    }
    if (path === '/') {
      if (request.method !== 'GET') return new Response(null, { status: 405, headers: { allow: 'GET' } })
      return html(200, await renderInspector(this))
    }
    if (path.startsWith(UI_PREFIX)) return handleInspectorAction(this, request)
    return handleAdmin(this, request)
  }

  // Which project a Stytch request is for: the project id in its path (JWKS, token and any other public route), else
  // the Basic username (the client API authenticates with project id and secret), else the first project.
  #route(request: Request, path: string): EmulatedProject {
    const segments = path.split('/')
    const byPath = this.#projects.find((project) => segments.includes(encodeURIComponent(project.id)))
    if (byPath !== undefined) return byPath
    const authorization = request.headers.get('authorization') ?? ''
    if (/^basic /i.test(authorization)) {
      const username = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8').split(':')[0]
      const byUser = this.#projects.find((project) => project.id === username)
      if (byUser !== undefined) return byUser
    }
    return this.#projects[0]!
  }
}
