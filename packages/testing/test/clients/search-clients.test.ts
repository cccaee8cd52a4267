import { describe, expect, it } from 'vitest'
import { searchClients } from '../../src/clients/search-clients.js'
import type { M2MClient } from '../../src/index.js'

const client = (id: string, name: string, scopes: string[]): M2MClient => ({
  client_id: id,
  client_name: name,
  client_description: '',
  status: 'active',
  scopes,
  client_secret_last_four: 'abcd',
  next_client_secret_last_four: null,
  trusted_metadata: {},
})

const clients = [
  client('c1', 'billing', ['read:users', 'write:users']),
  client('c2', 'reports', ['read:users']),
  client('c3', 'billing', ['read:books']),
]
const ids = (body: unknown): string[] => searchClients(clients, body).m2m_clients.map((found) => found.client_id)

describe('searchClients', () => {
  it('returns everything for an empty body, query or operand list', () => {
    expect(ids({})).toEqual(['c1', 'c2', 'c3'])
    expect(ids({ query: null })).toEqual(['c1', 'c2', 'c3'])
    expect(ids({ query: { operator: 'AND', operands: [] } })).toEqual(['c1', 'c2', 'c3'])
  })

  it('filters by client_id, client_name and scopes (any listed value matches)', () => {
    const query = (filter_name: string, filter_value: string[]) => ({
      query: { operator: 'AND', operands: [{ filter_name, filter_value }] },
    })
    expect(ids(query('client_id', ['c1', 'c3', 'c9']))).toEqual(['c1', 'c3'])
    expect(ids(query('client_name', ['billing']))).toEqual(['c1', 'c3'])
    expect(ids(query('scopes', ['write:users', 'read:books']))).toEqual(['c1', 'c3'])
  })

  it('combines operands with AND and OR', () => {
    const operands = [
      { filter_name: 'client_name', filter_value: ['billing'] },
      { filter_name: 'scopes', filter_value: ['read:users'] },
    ]
    expect(ids({ query: { operator: 'AND', operands } })).toEqual(['c1'])
    expect(ids({ query: { operator: 'OR', operands } })).toEqual(['c1', 'c2', 'c3'])
  })

  it('pages with limit and an opaque cursor, reporting the total', () => {
    const first = searchClients(clients, { limit: 2 })
    expect(first.m2m_clients.map((found) => found.client_id)).toEqual(['c1', 'c2'])
    expect(first.results_metadata.total).toBe(3)
    expect(first.results_metadata.next_cursor).toEqual(expect.any(String))
    const second = searchClients(clients, { limit: 2, cursor: first.results_metadata.next_cursor })
    expect(second.m2m_clients.map((found) => found.client_id)).toEqual(['c3'])
    expect(second.results_metadata).toEqual({ total: 3, next_cursor: null })
  })

  it('defaults the limit to 100 and accepts up to 1000', () => {
    const many = Array.from({ length: 1001 }, (_, index) => client(`c${index}`, 'n', []))
    expect(searchClients(many, {}).m2m_clients).toHaveLength(100)
    expect(searchClients(many, { limit: 1000 }).m2m_clients).toHaveLength(1000)
  })

  it.each([
    ['a limit of 0', { limit: 0 }],
    ['a limit over 1000', { limit: 1001 }],
    ['a fractional limit', { limit: 1.5 }],
    ['a forged cursor', { cursor: 'not-a-cursor' }],
    ['a numeric cursor', { cursor: 5 }],
    ['an unknown operator', { query: { operator: 'XOR', operands: [] } }],
    ['an unknown filter', { query: { operator: 'AND', operands: [{ filter_name: 'status', filter_value: ['x'] }] } }],
    [
      'a non-array filter value',
      { query: { operator: 'AND', operands: [{ filter_name: 'client_id', filter_value: 'c1' }] } },
    ],
    ['non-array operands', { query: { operator: 'AND', operands: {} } }],
    ['a non-object body', []],
  ])('rejects %s with ERR_CLIENT_INVALID', (_case, body) => {
    expect(() => searchClients(clients, body)).toThrow(expect.objectContaining({ code: 'ERR_CLIENT_INVALID' }))
  })
})
