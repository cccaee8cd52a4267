import { describe, expect, it } from 'vitest'
import { isPreflight } from '../../src/index.js'

const headers =
  (record: Record<string, string | string[]>) =>
  (name: string): string | string[] | undefined =>
    record[name]

describe('isPreflight (issue 11)', () => {
  it('recognises OPTIONS with an Access-Control-Request-Method header, looked up by its lower-case name', () => {
    expect(isPreflight('OPTIONS', headers({ 'access-control-request-method': 'GET' }))).toBe(true)
    expect(isPreflight('OPTIONS', headers({ 'access-control-request-method': ['POST'] }))).toBe(true)
    const fetchHeaders = new Headers({ 'Access-Control-Request-Method': 'DELETE' })
    expect(isPreflight('OPTIONS', (name) => fetchHeaders.get(name))).toBe(true)
  })

  it.each<[string, string | undefined, Record<string, string | string[]>]>([
    ['a plain OPTIONS', 'OPTIONS', {}],
    ['OPTIONS with an empty header', 'OPTIONS', { 'access-control-request-method': '  ' }],
    ['OPTIONS with an empty header list', 'OPTIONS', { 'access-control-request-method': [] }],
    ['a GET carrying the header', 'GET', { 'access-control-request-method': 'GET' }],
    ['a lower-case method', 'options', { 'access-control-request-method': 'GET' }],
    ['no method', undefined, { 'access-control-request-method': 'GET' }],
  ])('does not count %s, which is authenticated like any request', (_, method, record) => {
    expect(isPreflight(method, headers(record))).toBe(false)
  })
})
