import type { EmulatorContext } from '../emulator-context.js'
import { html } from '../server/responses.js'
import { type Notice, renderInspector } from './render-page.js'

/** Form actions of the inspector page, under `/__emulator/ui/`. */
export const UI_PREFIX = '/__emulator/ui/'

// The token endpoint drops these from template output; the inspector mints the same token.
const REGISTERED_CLAIMS = ['sub', 'iss', 'aud', 'scope', 'iat', 'nbf', 'exp', 'jti']

async function mint(context: EmulatorContext, form: URLSearchParams): Promise<Notice> {
  const [projectId, clientId] = (form.get('client') ?? '').split(' ')
  const project = context.project(projectId)
  const client = clientId === undefined ? undefined : project?.issuer.clients.get(clientId)
  if (project === undefined || client === undefined) return { kind: 'error', text: 'No such client.' }
  const requested = (form.get('scopes') ?? '').split(/\s+/).filter((scope) => scope !== '')
  const refused = requested.filter((scope) => !client.scopes.includes(scope))
  if (refused.length > 0) return { kind: 'error', text: `Not granted to ${client.client_id}: ${refused.join(' ')}` }
  const template = project.claimsTemplate
  const custom = template === false ? {} : template({ client, parameters: {} })
  const token = await project.issuer.mint({
    clientId: client.client_id,
    scopes: requested.length === 0 ? client.scopes : requested,
    customClaims: Object.fromEntries(Object.entries(custom).filter(([name]) => !REGISTERED_CLAIMS.includes(name))),
  })
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as unknown
  return { kind: 'token', clientId: client.client_id, token, claims: payload }
}

async function rotateKey(context: EmulatorContext, form: URLSearchParams): Promise<Notice> {
  const project = context.project(form.get('project_id') ?? undefined)
  if (project === undefined) return { kind: 'error', text: 'No such project.' }
  const kid = await project.rotateKey()
  await context.changed()
  return { kind: 'info', text: `Project ${project.id} now signs with ${kid}; older keys stay published.` }
}

const ACTIONS: Record<string, (context: EmulatorContext, form: URLSearchParams) => Promise<Notice>> = {
  mint,
  'rotate-key': rotateKey,
}

/**
 * Runs an inspector form (`POST /__emulator/ui/mint` or `/__emulator/ui/rotate-key`) and answers with the page,
 * the outcome on top.
 *
 * @param context - The running emulator.
 * @param request - The form post; its path starts with {@link UI_PREFIX}.
 * @returns The page, 200 (or 400 when the form named something unknown).
 */
export async function handleInspectorAction(context: EmulatorContext, request: Request): Promise<Response> {
  const name = new URL(request.url).pathname.slice(UI_PREFIX.length)
  const action = ACTIONS[name]
  if (action === undefined || request.method !== 'POST') {
    return html(404, await renderInspector(context, { kind: 'error', text: 'No such form.' }))
  }
  const form = new URLSearchParams(await request.text())
  const notice = await action(context, form)
  return html(notice.kind === 'error' ? 400 : 200, await renderInspector(context, notice))
}
