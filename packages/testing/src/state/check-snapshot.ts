import { base64url } from 'jose'
import { isJsonObject, isStringArray } from '../lib/json.js'
import { type IssuerSnapshot, type SecretSnapshot, SNAPSHOT_VERSION } from './issuer-snapshot.js'

const RSA_PRIVATE_MEMBERS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const

/**
 * Checks that `value` is a snapshot of project `projectId` whose parts fit together (the current and published kids
 * exist, client ids are unique, digests are SHA-256 sized), so a damaged file fails here with a reason instead of
 * producing an issuer that breaks later.
 *
 * @throws TypeError `createTestIssuer: \`snapshot\` …` naming what is wrong.
 */
export function checkSnapshot(value: unknown, projectId: string): IssuerSnapshot {
  const fail = (reason: string): never => {
    throw new TypeError(`createTestIssuer: \`snapshot\` ${reason}`)
  }
  if (!isJsonObject(value)) return fail('must be an object from issuer.snapshot()')
  if (value.version !== SNAPSHOT_VERSION)
    return fail(`has version ${String(value.version)}, expected ${SNAPSHOT_VERSION}`)
  if (value.projectId !== projectId) return fail(`belongs to project ${String(value.projectId)}, not ${projectId}`)
  const { keys, clients } = value
  if (!isJsonObject(keys) || !Array.isArray(keys.all) || !isStringArray(keys.published)) {
    return fail('must have `keys.all` and `keys.published` arrays')
  }
  const kids = new Set<string>()
  for (const key of keys.all as unknown[]) {
    const jwk = isJsonObject(key) ? key.privateJwk : undefined
    if (!isJsonObject(key) || typeof key.kid !== 'string' || !isJsonObject(jwk) || jwk.kty !== 'RSA') {
      return fail('`keys.all` must hold { kid, privateJwk } RSA keys')
    }
    if (RSA_PRIVATE_MEMBERS.some((member) => typeof jwk[member] !== 'string')) {
      return fail(`key ${key.kid} lacks private RSA members`)
    }
    kids.add(key.kid)
  }
  if (typeof keys.current !== 'string' || !kids.has(keys.current)) return fail('`keys.current` must name a key')
  if (!keys.published.every((kid) => kids.has(kid))) return fail('`keys.published` names an unknown key')
  if (!Array.isArray(clients)) return fail('must have a `clients` array')
  const ids = new Set<string>()
  for (const entry of clients as unknown[]) {
    const client = isJsonObject(entry) ? entry.client : undefined
    if (!isJsonObject(entry) || !isJsonObject(client) || typeof client.client_id !== 'string') {
      return fail('`clients` must hold { client, secret, next } entries')
    }
    if (ids.has(client.client_id)) return fail(`holds client ${client.client_id} twice`)
    ids.add(client.client_id)
    const valid =
      isSecret(entry.secret) &&
      (entry.next === null || isSecret(entry.next)) &&
      (client.status === 'active' || client.status === 'inactive') &&
      isJsonObject(client.trusted_metadata) &&
      isStringArray(client.scopes) &&
      client.scopes.every((scope) => scope !== '' && !/\s/.test(scope))
    if (!valid) return fail(`has an invalid client ${client.client_id}`)
  }
  return value as unknown as IssuerSnapshot
}

function isSecret(value: unknown): value is SecretSnapshot {
  if (!isJsonObject(value) || typeof value.digest !== 'string' || typeof value.lastFour !== 'string') return false
  try {
    return base64url.decode(value.digest).length === 32
  } catch {
    return false
  }
}
