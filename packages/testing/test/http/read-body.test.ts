import { describe, expect, it } from 'vitest'
import { readJsonObject, readTokenParameters } from '../../src/http/read-body.js'

const post = (body: string, contentType?: string): Request =>
  new Request('https://test.stytch.com/', {
    method: 'POST',
    body,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  })

describe('readJsonObject', () => {
  it('reads an object, and an empty body as {}', async () => {
    expect(await readJsonObject(post('{"a":1}'))).toEqual({ a: 1 })
    expect(await readJsonObject(post('  '))).toEqual({})
  })

  it('reports invalid JSON and non-objects', async () => {
    expect(await readJsonObject(post('{'))).toBe('invalid_json')
    expect(await readJsonObject(post('[1]'))).toBe('not_an_object')
    expect(await readJsonObject(post('null'))).toBe('not_an_object')
  })
})

describe('readTokenParameters', () => {
  it('reads form bodies, with or without a charset', async () => {
    const parameters = await readTokenParameters(post('a=1&b=x+y', 'application/x-www-form-urlencoded; charset=utf-8'))
    expect(parameters).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'x y'],
      ]),
    )
  })

  it('reads JSON bodies, keeping non-string values for the caller to reject', async () => {
    expect(await readTokenParameters(post('{"a":"1","b":2}', 'application/json'))).toEqual(
      new Map<string, unknown>([
        ['a', '1'],
        ['b', 2],
      ]),
    )
    expect(await readTokenParameters(post('[]', 'application/json'))).toBe('not_an_object')
  })

  it('refuses repeated form parameters (RFC 6749 §3.2)', async () => {
    expect(await readTokenParameters(post('a=1&a=2', 'application/x-www-form-urlencoded'))).toBe('repeated_parameter')
  })

  it('reads an empty body of any type as no parameters, and refuses other media types', async () => {
    expect(await readTokenParameters(new Request('https://test.stytch.com/', { method: 'POST' }))).toEqual(new Map())
    expect(await readTokenParameters(post('', 'text/plain'))).toEqual(new Map())
    expect(await readTokenParameters(post('a=1', 'text/plain'))).toBe('unsupported_media_type')
  })
})
