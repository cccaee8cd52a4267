import type { EmulatorContext } from '../emulator-context.js'
import type { EmulatedProject, KeyInfo } from '../project.js'

/** One project as `GET /__emulator/state` and the inspector show it. Secrets are never part of it. */
export interface ProjectOverview {
  project_id: string
  vertical: 'consumer' | 'b2b'
  jwks_url: string
  token_url: string
  clients: ReturnType<EmulatedProject['issuer']['clients']['list']>
  keys: (KeyInfo & { age_seconds: number })[]
  counters: Record<string, number>
}

/** The JWKS path of a project's vertical (both are served). */
export const jwksPath = (project: EmulatedProject): string =>
  `/v1/${project.config.vertical === 'b2b' ? 'b2b/' : ''}sessions/jwks/${project.id}`

/** Every project with its clients, keys and counters. */
export async function overview(context: EmulatorContext): Promise<ProjectOverview[]> {
  const now = context.clock.now()
  return Promise.all(
    context.projects.map(async (project) => ({
      project_id: project.id,
      vertical: project.config.vertical,
      jwks_url: `${context.baseUrl}${jwksPath(project)}`,
      token_url: `${context.baseUrl}/v1/public/${project.id}/oauth2/token`,
      clients: project.issuer.clients.list(),
      keys: (await project.keys()).map((key) => ({
        ...key,
        age_seconds: Math.max(0, Math.floor((now - key.createdAt) / 1000)),
      })),
      counters: { ...project.issuer.counters },
    })),
  )
}
