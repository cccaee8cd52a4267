import { createTokenSource } from '@m2m-guard/client'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import {
  CLIENT_ID,
  PROJECT_ID,
  SECRET,
  scriptedTokenEndpoint,
  tokenResponse,
  useMsw,
} from './helpers/token-endpoint.js'

const server = useMsw()

const options = { projectId: PROJECT_ID, clientId: CLIENT_ID, clientSecret: SECRET, retry: { maxAttempts: 1 } }

describe('the token request', () => {
  it('is a form-encoded client_credentials POST with the credentials in the body', async () => {
    // The scripted endpoint only matches POST; anything else is an unhandled request and fails the test.
    const seen = scriptedTokenEndpoint(server)
    await createTokenSource({ ...options, scopes: ['read:users'] }).getToken()
    const [request] = seen
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8')
    expect(request?.headers.get('accept')).toBe('application/json')
    expect(request?.headers.get('authorization')).toBeNull()
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: SECRET,
      scope: 'read:users',
    })
  })

  it('sends form-encoded Basic credentials and no secret in the body with client_secret_basic', async () => {
    const seen = scriptedTokenEndpoint(server)
    await createTokenSource({ ...options, authMethod: 'client_secret_basic' }).getToken()
    const [request] = seen
    const encoded = request?.headers.get('authorization')?.replace(/^Basic /, '') ?? ''
    const [id, secret] = atob(encoded).split(':')
    expect(decodeURIComponent(id ?? '')).toBe(CLIENT_ID)
    // RFC 6749 §2.3.1: '+', '/' and '=' are form-encoded before base64.
    expect(secret).toBe('sEcReT%2B%2F%3Dvalue-1')
    expect(Object.fromEntries(request?.form ?? [])).toEqual({ grant_type: 'client_credentials' })
  })

  it('does not follow a redirect, which would replay the secret elsewhere', async () => {
    const seen = scriptedTokenEndpoint(server, [
      new HttpResponse(null, { status: 307, headers: { location: 'https://evil.example/steal' } }),
    ])
    await expect(createTokenSource(options).getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_RESPONSE_INVALID',
      responseStatus: 307,
    })
    expect(seen).toHaveLength(1)
  })
})

describe('the token response', () => {
  const body = {
    status_code: 200,
    request_id: 'req-1',
    access_token: 'abc.def.ghi',
    token_type: 'bearer',
    expires_in: 3600,
  }

  it('accepts token_type in any case and expires_in as a numeric string', async () => {
    scriptedTokenEndpoint(server, [HttpResponse.json({ ...body, token_type: 'Bearer', expires_in: '3600' })])
    expect(await createTokenSource(options).getToken()).toBe('abc.def.ghi')
  })

  it.each([
    ['a body that is not JSON', new HttpResponse('<html>proxy</html>', { status: 200 })],
    ['a JSON array', HttpResponse.json([body])],
    ['no access_token', HttpResponse.json({ ...body, access_token: undefined })],
    ['an empty access_token', HttpResponse.json({ ...body, access_token: '' })],
    ['an access_token that would break the header', HttpResponse.json({ ...body, access_token: 'abc\r\nx-evil: 1' })],
    ['an access_token with a space', HttpResponse.json({ ...body, access_token: 'abc def' })],
    ['a token_type other than bearer', HttpResponse.json({ ...body, token_type: 'mac' })],
    ['no token_type', HttpResponse.json({ ...body, token_type: undefined })],
    ['no expires_in', HttpResponse.json({ ...body, expires_in: undefined })],
    ['expires_in 0', HttpResponse.json({ ...body, expires_in: 0 })],
    ['a negative expires_in', HttpResponse.json({ ...body, expires_in: -5 })],
    ['a non-numeric expires_in', HttpResponse.json({ ...body, expires_in: 'soon' })],
  ])('rejects %s with ERR_TOKEN_RESPONSE_INVALID and no retry', async (_, response) => {
    const seen = scriptedTokenEndpoint(server, [response, tokenResponse('never')])
    await expect(createTokenSource({ ...options, retry: { maxAttempts: 3 } }).getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_RESPONSE_INVALID',
      responseStatus: 200,
    })
    expect(seen).toHaveLength(1)
  })

  it('keeps the request_id of an invalid response', async () => {
    scriptedTokenEndpoint(server, [HttpResponse.json({ ...body, token_type: 'mac' })])
    await expect(createTokenSource(options).getToken()).rejects.toMatchObject({ request_id: 'req-1' })
  })

  it("reads Stytch's error_type/error_message shape when the OAuth fields are absent", async () => {
    scriptedTokenEndpoint(server, [
      HttpResponse.json(
        { status_code: 404, request_id: 'req-404', error_type: 'project_not_found', error_message: 'No project' },
        { status: 404 },
      ),
    ])
    await expect(createTokenSource(options).getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_REJECTED',
      error: 'project_not_found',
      error_description: 'No project',
      request_id: 'req-404',
    })
  })
})
