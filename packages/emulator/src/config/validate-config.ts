import { isUsableTemplateText } from './claims-template.js'
import type { ClientConfig, ConnectedAppConfig, EmulatorConfig, ProjectConfig } from './emulator-config.js'
import type { DocumentPath } from './json-locator.js'

/** One thing wrong with a config document, at a path. */
export interface ConfigProblem {
  path: DocumentPath
  message: string
}

const TOP_FIELDS = ['projects'] as const
const PROJECT_FIELDS = [
  'project_id',
  'secret',
  'vertical',
  'custom_claims_template',
  'm2m_clients',
  'connected_apps',
] as const
const CONNECTED_APP_FIELDS = ['client_id', 'client_secret'] as const
const CLIENT_FIELDS = [
  'client_id',
  'client_secret',
  'scopes',
  'trusted_metadata',
  'client_name',
  'client_description',
  'status',
] as const

// Ids appear in URL paths and kids; Stytch's own are letters, digits and dashes.
const ID = /^[A-Za-z0-9._-]+$/

type Raw = Record<string, unknown>
const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Checks a parsed config document field by field and collects every problem (unknown fields included) instead of
 * stopping at the first, so one run shows everything to fix.
 *
 * @param value - The parsed document.
 * @returns The config, or the problems.
 */
export function validateConfig(value: unknown): EmulatorConfig | ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const problem = (path: DocumentPath, message: string): undefined => {
    problems.push({ path, message })
    return undefined
  }
  if (!isObject(value)) return [{ path: [], message: 'the file must hold an object with a "projects" list' }]
  unknownFields(value, TOP_FIELDS, [], problem)
  const rawProjects = value.projects
  if (!Array.isArray(rawProjects) || rawProjects.length === 0) {
    problem(['projects'], '"projects" must be a non-empty list')
    return problems
  }
  const projects: ProjectConfig[] = []
  const projectIds = new Set<string>()
  rawProjects.forEach((raw: unknown, index) => {
    const project = checkProject(raw, ['projects', index], problem)
    if (project === undefined) return
    if (projectIds.has(project.project_id)) {
      problem(['projects', index, 'project_id'], `project "${project.project_id}" appears twice`)
    }
    projectIds.add(project.project_id)
    projects.push(project)
  })
  return problems.length > 0 ? problems : { projects }
}

type Report = (path: DocumentPath, message: string) => undefined

function unknownFields(raw: Raw, known: readonly string[], path: DocumentPath, problem: Report): void {
  for (const field of Object.keys(raw)) {
    if (!known.includes(field)) {
      problem([...path, field], `unknown field "${field}" (known: ${known.join(', ')})`)
    }
  }
}

function checkProject(raw: unknown, path: DocumentPath, problem: Report): ProjectConfig | undefined {
  if (!isObject(raw)) return problem(path, 'a project must be an object')
  unknownFields(raw, PROJECT_FIELDS, path, problem)
  const { project_id, secret, vertical = 'consumer', custom_claims_template, m2m_clients = [] } = raw
  const { connected_apps = [] } = raw
  let valid = true
  const fail = (field: string, message: string): void => {
    valid = false
    problem([...path, field], message)
  }
  if (typeof project_id !== 'string' || !ID.test(project_id)) {
    fail('project_id', '"project_id" must be a string of letters, digits, ".", "_" or "-" (e.g. project-test-…)')
  }
  if (typeof secret !== 'string' || secret.length === 0) fail('secret', '"secret" must be a non-empty string')
  if (vertical !== 'consumer' && vertical !== 'b2b') fail('vertical', '"vertical" must be "consumer" or "b2b"')
  if (typeof custom_claims_template === 'string' && !isUsableTemplateText(custom_claims_template)) {
    fail('custom_claims_template', '"custom_claims_template" text must give a JSON object, e.g. {"a": {{ request.a }}}')
  } else if (custom_claims_template !== undefined && typeof custom_claims_template !== 'string') {
    if (!isObject(custom_claims_template)) {
      fail('custom_claims_template', '"custom_claims_template" must be a template text or an object')
    }
  }
  const clients: ClientConfig[] = []
  if (!Array.isArray(m2m_clients)) {
    fail('m2m_clients', '"m2m_clients" must be a list')
  } else {
    const ids = new Set<string>()
    m2m_clients.forEach((rawClient: unknown, index) => {
      const client = checkClient(rawClient, [...path, 'm2m_clients', index], problem)
      if (client === undefined) {
        valid = false
        return
      }
      if (ids.has(client.client_id)) {
        fail('m2m_clients', `client "${client.client_id}" appears twice`)
      }
      ids.add(client.client_id)
      clients.push(client)
    })
  }
  const apps = checkConnectedApps(connected_apps, [...path, 'connected_apps'], problem)
  if (apps === undefined) valid = false
  if (!valid || apps === undefined) return undefined
  return {
    project_id: project_id as string,
    secret: secret as string,
    vertical: vertical as ProjectConfig['vertical'],
    custom_claims_template: custom_claims_template as ProjectConfig['custom_claims_template'],
    m2m_clients: clients,
    connected_apps: apps,
  }
}

function checkConnectedApps(raw: unknown, path: DocumentPath, problem: Report): ConnectedAppConfig[] | undefined {
  if (!Array.isArray(raw)) return problem(path, '"connected_apps" must be a list')
  const apps: ConnectedAppConfig[] = []
  const ids = new Set<string>()
  let valid = true
  raw.forEach((app: unknown, index) => {
    const at = [...path, index]
    if (!isObject(app)) {
      valid = false
      problem(at, 'a Connected App must be an object')
      return
    }
    unknownFields(app, CONNECTED_APP_FIELDS, at, problem)
    const { client_id, client_secret } = app
    if (typeof client_id !== 'string' || !ID.test(client_id)) {
      valid = false
      problem([...at, 'client_id'], '"client_id" must be a string of letters, digits, ".", "_" or "-"')
    } else if (ids.has(client_id)) {
      valid = false
      problem([...at, 'client_id'], `Connected App "${client_id}" appears twice`)
    }
    if (typeof client_secret !== 'string' || client_secret.length < 8) {
      valid = false
      problem([...at, 'client_secret'], '"client_secret" must be a string of at least 8 characters')
    }
    if (typeof client_id === 'string') ids.add(client_id)
    apps.push({ client_id: client_id as string, client_secret: client_secret as string })
  })
  return valid ? apps : undefined
}

function checkClient(raw: unknown, path: DocumentPath, problem: Report): ClientConfig | undefined {
  if (!isObject(raw)) return problem(path, 'an M2M client must be an object')
  unknownFields(raw, CLIENT_FIELDS, path, problem)
  const { client_id, client_secret, scopes, trusted_metadata = {}, client_name, client_description } = raw
  const { status = 'active' } = raw
  let valid = true
  const fail = (field: string, message: string): void => {
    valid = false
    problem([...path, field], message)
  }
  if (typeof client_id !== 'string' || !ID.test(client_id)) {
    fail('client_id', '"client_id" must be a string of letters, digits, ".", "_" or "-"')
  }
  // Stytch requires custom secrets of at least 8 characters.
  if (typeof client_secret !== 'string' || client_secret.length < 8) {
    fail('client_secret', '"client_secret" must be a string of at least 8 characters')
  }
  const scopeList = Array.isArray(scopes) ? (scopes as unknown[]) : undefined
  if (scopeList === undefined || !scopeList.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope))) {
    fail('scopes', '"scopes" must be a list of strings without spaces (may be empty)')
  }
  if (!isObject(trusted_metadata)) fail('trusted_metadata', '"trusted_metadata" must be an object')
  for (const [field, text] of Object.entries({ client_name, client_description })) {
    if (text !== undefined && typeof text !== 'string') fail(field, `"${field}" must be a string`)
  }
  if (status !== 'active' && status !== 'inactive') fail('status', '"status" must be "active" or "inactive"')
  if (!valid) return undefined
  return {
    client_id: client_id as string,
    client_secret: client_secret as string,
    scopes: [...new Set(scopeList as string[])],
    trusted_metadata: trusted_metadata as Record<string, unknown>,
    client_name: client_name as string | undefined,
    client_description: client_description as string | undefined,
    status: status as ClientConfig['status'],
  }
}
