import { TestIssuerError } from '../errors.js'
import { isJsonObject, isStringArray, type JsonObject } from '../lib/json.js'
import type { CreateClientInput, UpdateClientInput } from './m2m-client.js'

const invalid = (field: string, rule: string): TestIssuerError =>
  new TestIssuerError('ERR_CLIENT_INVALID', `\`${field}\` ${rule}`)

/** Checks scopes: strings without spaces (a token's `scope` claim is space-separated). */
export function validateScopes(value: unknown): string[] {
  if (!isStringArray(value) || value.some((scope) => scope === '' || /\s/.test(scope))) {
    throw invalid('scopes', 'must be an array of non-empty strings without whitespace')
  }
  return [...new Set(value)]
}

/** Checks an optional string field. */
export function optionalString(input: JsonObject, field: string): string | undefined {
  const value = input[field]
  if (value !== undefined && typeof value !== 'string') throw invalid(field, 'must be a string')
  return value
}

/** Checks a custom client secret (Stytch requires at least 8 characters). */
export function validateSecret(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length < 8) throw invalid('client_secret', 'must be at least 8 characters')
  return value
}

/** Checks and copies the fields an update may change. */
export function validateUpdate(input: unknown): UpdateClientInput {
  if (!isJsonObject(input)) throw invalid('body', 'must be a JSON object')
  const { status, scopes, trusted_metadata: metadata } = input
  if (status !== undefined && status !== 'active' && status !== 'inactive') {
    throw invalid('status', 'must be "active" or "inactive"')
  }
  if (metadata !== undefined && !isJsonObject(metadata)) throw invalid('trusted_metadata', 'must be a JSON object')
  return {
    client_name: optionalString(input, 'client_name'),
    client_description: optionalString(input, 'client_description'),
    status,
    scopes: scopes === undefined ? undefined : validateScopes(scopes),
    trusted_metadata: metadata === undefined ? undefined : structuredClone(metadata),
  }
}

/** Checks the input of a create: the update fields plus required `scopes` and optional `client_id`/`client_secret`. */
export function validateCreate(input: unknown): CreateClientInput & { scopes: string[] } {
  const fields = validateUpdate(input)
  const body = input as JsonObject
  if (body.scopes === undefined) throw invalid('scopes', 'is required')
  const clientId = optionalString(body, 'client_id')
  if (clientId === '') throw invalid('client_id', 'must not be empty')
  return {
    ...fields,
    scopes: fields.scopes as string[],
    client_id: clientId,
    client_secret: validateSecret(body.client_secret),
  }
}
