import { describe, expect, it } from 'vitest'
import { formDecode, readBasicAuth } from '../../src/http/basic-auth.js'
import { basic } from '../support/requests.js'

const withAuthorization = (value: string): Request =>
  new Request('https://test.stytch.com/', { headers: { authorization: value } })

describe('readBasicAuth', () => {
  it('reads user name and password, splitting at the first colon', () => {
    expect(readBasicAuth(withAuthorization(basic('id', 'se:cr:et')))).toEqual({ username: 'id', password: 'se:cr:et' })
  })

  it('accepts any case of the scheme and UTF-8 credentials', () => {
    const value = `basic ${Buffer.from('ïd:pässword').toString('base64')}`
    expect(readBasicAuth(withAuthorization(value))).toEqual({ username: 'ïd', password: 'pässword' })
  })

  it('returns undefined without a Basic header', () => {
    expect(readBasicAuth(new Request('https://test.stytch.com/'))).toBeUndefined()
    expect(readBasicAuth(withAuthorization('Bearer abc'))).toBeUndefined()
    expect(readBasicAuth(withAuthorization('Basically abc'))).toBeUndefined()
  })

  it('returns null for a malformed Basic header', () => {
    expect(readBasicAuth(withAuthorization('Basic'))).toBeNull()
    expect(readBasicAuth(withAuthorization('Basic !!!'))).toBeNull()
    expect(readBasicAuth(withAuthorization(`Basic ${Buffer.from('no-colon').toString('base64')}`))).toBeNull()
    expect(readBasicAuth(withAuthorization(`Basic ${Buffer.from([0xff, 0x3a]).toString('base64')}`))).toBeNull()
  })
})

describe('formDecode', () => {
  it('undoes form encoding and reports broken encodings', () => {
    expect(formDecode('a%3Ab+c')).toBe('a:b c')
    expect(formDecode('%E0%A4%A')).toBeNull()
  })
})
