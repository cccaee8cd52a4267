import { base64url } from 'jose'
import { TestIssuerError } from '../errors.js'
import { isJsonObject, isStringArray } from '../lib/json.js'
import type { M2MClient } from './m2m-client.js'

/** Default and largest page size of `POST /v1/m2m/clients/search`, as documented by Stytch. */
export const SEARCH_LIMIT = { default: 100, max: 1000 } as const

/** One page of search results, in Stytch's shape. */
export interface SearchPage {
  m2m_clients: M2MClient[]
  results_metadata: { total: number; next_cursor: string | null }
}

type Filter = (client: M2MClient) => boolean

const invalid = (field: string, rule: string): TestIssuerError =>
  new TestIssuerError('ERR_CLIENT_INVALID', `\`${field}\` ${rule}`)

// Each filter matches when the client has ANY of the listed values (Stytch: "a list of client IDs", "exact match on
// client name", "clients assigned a specific scope").
const FILTERS: Record<string, (values: string[]) => Filter> = {
  client_id: (values) => (client) => values.includes(client.client_id),
  client_name: (values) => (client) => values.includes(client.client_name),
  scopes: (values) => (client) => client.scopes.some((scope) => values.includes(scope)),
}

/**
 * Applies a search request body (`query`, `cursor`, `limit`) to the clients, in creation order.
 *
 * @throws {@link TestIssuerError} `ERR_CLIENT_INVALID` for a malformed query, cursor or limit.
 */
export function searchClients(clients: readonly M2MClient[], body: unknown): SearchPage {
  if (!isJsonObject(body)) throw invalid('body', 'must be a JSON object')
  const limit = body.limit ?? SEARCH_LIMIT.default
  if (!Number.isSafeInteger(limit) || (limit as number) < 1 || (limit as number) > SEARCH_LIMIT.max) {
    throw invalid('limit', `must be a whole number from 1 to ${SEARCH_LIMIT.max}`)
  }
  const matching = clients.filter(compileQuery(body.query))
  const offset = decodeCursor(body.cursor)
  const end = offset + (limit as number)
  return {
    m2m_clients: matching.slice(offset, end),
    results_metadata: { total: matching.length, next_cursor: end < matching.length ? encodeCursor(end) : null },
  }
}

function compileQuery(query: unknown): Filter {
  if (query === undefined || query === null) return () => true
  if (!isJsonObject(query)) throw invalid('query', 'must be an object')
  const { operator, operands = [] } = query
  if (operator !== 'AND' && operator !== 'OR') throw invalid('query.operator', 'must be "AND" or "OR"')
  if (!Array.isArray(operands)) throw invalid('query.operands', 'must be an array')
  const filters = operands.map((operand: unknown, index) => {
    const name = isJsonObject(operand) ? operand.filter_name : undefined
    const values = isJsonObject(operand) ? operand.filter_value : undefined
    const filter = typeof name === 'string' ? FILTERS[name] : undefined
    if (filter === undefined) throw invalid(`query.operands[${index}].filter_name`, 'is not a supported filter')
    if (!isStringArray(values)) throw invalid(`query.operands[${index}].filter_value`, 'must be an array of strings')
    return filter(values)
  })
  // An empty operand list matches everything, like an empty query.
  if (filters.length === 0) return () => true
  return operator === 'AND'
    ? (client) => filters.every((filter) => filter(client))
    : (client) => filters.some((filter) => filter(client))
}

// Cursors are opaque to callers; here they carry the offset of the next page.
const encodeCursor = (offset: number): string => base64url.encode(`offset:${offset}`)

function decodeCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0
  if (typeof cursor === 'string') {
    try {
      const match = /^offset:(\d{1,9})$/.exec(new TextDecoder().decode(base64url.decode(cursor)))
      if (match) return Number(match[1])
    } catch {
      // Falls through to the error below.
    }
  }
  throw invalid('cursor', 'is not a cursor this API returned')
}
