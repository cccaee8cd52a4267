import { randomUUID } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import type { IssuerSnapshot } from '@m2m-guard/testing'
import type { TlsMaterial } from '../tls/generate-tls.js'
import { StateError } from './state-error.js'

/** Marks a file as the emulator's, so a path pointing at anything else is refused instead of overwritten. */
export const STATE_FORMAT = 'm2m-guard-stytch-emulator-state'
/** Bumped when the file's shape changes incompatibly. */
export const STATE_VERSION = 1

/** What the emulator keeps of one project across restarts. */
export interface ProjectState {
  /** Keys (private), published kids, clients with hashed secrets and rotations. */
  issuer: IssuerSnapshot
  /** Config clients already created once; a client deleted through the API is not brought back at the next start. */
  seededClients: string[]
  /** When each key was created (Unix milliseconds on the emulator's clock), for the inspector. */
  keyCreatedAt: Record<string, number>
}

/** The state file's contents. */
export interface StateDocument {
  format: typeof STATE_FORMAT
  version: typeof STATE_VERSION
  projects: Record<string, ProjectState>
  /** With `--https`: the CA and server certificate, kept so clients trust the emulator across restarts. */
  tls?: TlsMaterial | undefined
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads the state file.
 *
 * @returns The document, or `undefined` when the file does not exist yet.
 * @throws {@link StateError} `ERR_STATE_INVALID` when it cannot be read, is not JSON, or is not an emulator state file
 * of this version. Per-project snapshots are checked when they are restored.
 */
export async function readStateFile(file: string): Promise<StateDocument | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateError('ERR_STATE_INVALID', `${file}: cannot read the state file (${String(error)})`)
  }
  const refuse = (why: string): never => {
    throw new StateError(
      'ERR_STATE_INVALID',
      `${file}: ${why}; refusing to use or overwrite it. Move it away or pass another --state path.`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return refuse('is not valid JSON (corrupt or not a state file)')
  }
  if (!isObject(parsed) || parsed.format !== STATE_FORMAT) return refuse('is not a Stytch emulator state file')
  if (parsed.version !== STATE_VERSION) {
    return refuse(`has state version ${String(parsed.version)}; this emulator reads version ${STATE_VERSION}`)
  }
  if (!isObject(parsed.projects)) return refuse('has no "projects" object')
  const { tls } = parsed
  const pem = (value: unknown): boolean => typeof value === 'string' && value.startsWith('-----BEGIN ')
  if (
    tls !== undefined &&
    (!isObject(tls) || !pem(tls.caCertificate) || !pem(tls.certificate) || !pem(tls.privateKey))
  ) {
    return refuse('has a damaged "tls" entry')
  }
  for (const [projectId, project] of Object.entries(parsed.projects)) {
    if (!isObject(project) || !Array.isArray(project.seededClients) || !isObject(project.keyCreatedAt)) {
      return refuse(`has a damaged entry for project ${projectId}`)
    }
  }
  return parsed as unknown as StateDocument
}

/**
 * Writes the state file atomically: a temporary file next to it (mode 0600: it holds private keys), then a rename,
 * so a crash leaves either the old or the new file, never half of one.
 *
 * @param file - The state file.
 * @param document - What to write.
 */
export async function writeStateFile(file: string, document: StateDocument): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
  try {
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, flush: true })
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
