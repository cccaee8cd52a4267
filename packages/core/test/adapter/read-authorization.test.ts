import { describe, expect, it } from 'vitest'
import { isPreflight, readAuthorization } from '../../src/adapter/index.js'

describe('readAuthorization', () => {
  it('reads Node raw headers: none, one whatever the name case, every repeated one', () => {
    expect(readAuthorization({ rawHeaders: ['Host', 'a', 'X-Authorization', 'Bearer x'] })).toBeUndefined()
    expect(readAuthorization({ rawHeaders: ['Host', 'a', 'aUtHoRiZaTiOn', 'Bearer x'] })).toBe('Bearer x')
    expect(readAuthorization({ rawHeaders: ['authorization', 'Bearer x', 'Authorization', ''] })).toEqual([
      'Bearer x',
      '',
    ])
  })

  it('reads a Fetch Headers, splitting a joined repeated header into two (core answers 400)', () => {
    expect(readAuthorization(new Headers())).toBeUndefined()
    expect(readAuthorization(new Headers({ Authorization: 'Bearer x' }))).toBe('Bearer x')
    const twice = new Headers([
      ['Authorization', 'Bearer a'],
      ['Authorization', 'Bearer b'],
    ])
    expect(readAuthorization(twice)).toEqual(['Bearer a', 'Bearer b'])
  })

  it('reads a header record, an array meaning repeated headers', () => {
    expect(readAuthorization({ host: 'a' })).toBeUndefined()
    expect(readAuthorization({ authorization: 'Bearer x' })).toBe('Bearer x')
    expect(readAuthorization({ authorization: ['Bearer a', 'Bearer b'] })).toEqual(['Bearer a', 'Bearer b'])
  })
})

describe('isPreflight (issue 11)', () => {
  const acrm = { 'access-control-request-method': 'GET' }
  it('recognises OPTIONS with an Access-Control-Request-Method header, from any header source', () => {
    expect(isPreflight({ method: 'OPTIONS', headers: acrm })).toBe(true)
    expect(isPreflight({ method: 'OPTIONS', headers: { 'access-control-request-method': ['POST'] } })).toBe(true)
    expect(
      isPreflight({ method: 'OPTIONS', headers: new Headers({ 'Access-Control-Request-Method': 'DELETE' }) }),
    ).toBe(true)
    expect(isPreflight({ method: 'OPTIONS', rawHeaders: ['Access-Control-Request-Method', 'PUT'] })).toBe(true)
  })

  it.each<[string, string | undefined, Record<string, string | string[]>]>([
    ['a plain OPTIONS', 'OPTIONS', {}],
    ['OPTIONS with an empty header', 'OPTIONS', { 'access-control-request-method': '  ' }],
    ['OPTIONS with an empty header list', 'OPTIONS', { 'access-control-request-method': [] }],
    ['a GET carrying the header', 'GET', acrm],
    ['a lower-case method', 'options', acrm],
    ['no method', undefined, acrm],
  ])('does not count %s, which is authenticated like any request', (_, method, headers) => {
    expect(isPreflight({ method, headers })).toBe(false)
  })
})
