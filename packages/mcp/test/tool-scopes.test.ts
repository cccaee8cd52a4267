import { createResourceMetadata, type ResourceMetadata } from '@m2m-guard/core'
import { describe, expect, it } from 'vitest'
import { calledTools, createToolScopes, requireToolScopes } from '../src/index.js'

const resourceMetadata: ResourceMetadata = createResourceMetadata({
  resource: 'https://mcp.example.com/mcp',
  authorizationServers: ['https://login.example.com'],
})
const toolScopes = createToolScopes({
  tools: { list_users: ['read:users'], create_user: ['write:users'], audit: [] },
  resourceMetadata,
})
const call = (name: string, id = 1) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {} } })

describe('createToolScopes', () => {
  it('refuses a call to a tool whose scopes the token lacks: 403 with that tool’s scope and the metadata', () => {
    const refused = toolScopes.check(call('create_user'), ['read:users'])
    expect(refused?.status).toBe(403)
    expect(refused?.headers['WWW-Authenticate']).toBe(
      `Bearer realm="api", error="insufficient_scope", error_description="The access token lacks a required scope", scope="write:users", resource_metadata="${resourceMetadata.url}"`,
    )
    expect(refused?.body.error).toBe('insufficient_scope')
  })

  it('lets through a call with the scopes, a tool without scopes, an unknown tool and other methods', () => {
    expect(toolScopes.check(call('create_user'), ['write:users'])).toBeUndefined()
    expect(toolScopes.check(call('audit'), [])).toBeUndefined()
    expect(toolScopes.check(call('unknown_tool'), [])).toBeUndefined()
    expect(toolScopes.check({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, [])).toBeUndefined()
  })

  it('checks every call of a batch and names all the missing scopes', () => {
    const refused = toolScopes.check([call('list_users', 1), call('create_user', 2)], [])
    expect(refused?.headers['WWW-Authenticate']).toContain('scope="read:users write:users"')
  })

  it('matches scopes as Stytch does (a granted wildcard resource)', () => {
    expect(toolScopes.check(call('create_user'), ['write:*'])).toBeUndefined()
  })

  it('answers 401 with the tool’s scopes when there is no caller at all', () => {
    const refused = toolScopes.check(call('create_user'), undefined)
    expect(refused?.status).toBe(401)
    expect(refused?.headers['WWW-Authenticate']).toContain('scope="write:users"')
  })

  it('as middleware: fails closed when the body was not parsed', () => {
    const errors: unknown[] = []
    toolScopes.middleware(
      { method: 'POST', body: undefined, auth: { scopes: ['write:users'] } },
      {} as never,
      (error) => errors.push(error),
    )
    expect(errors[0]).toBeInstanceOf(TypeError)
  })

  it('as middleware: reads the SDK’s req.auth, else m2m-guard’s req.m2m, and answers the refusal', () => {
    const sent: { status?: number; headers?: Record<string, string>; body?: unknown } = {}
    const res = {
      status(code: number) {
        sent.status = code
        return this
      },
      set(headers: Record<string, string>) {
        sent.headers = headers
        return this
      },
      json(body: unknown) {
        sent.body = body
      },
    }
    let nexts = 0
    toolScopes.middleware({ method: 'POST', body: call('create_user'), m2m: { scopes: ['write:users'] } }, res, () => {
      nexts += 1
    })
    expect(nexts).toBe(1)
    toolScopes.middleware({ method: 'POST', body: call('create_user'), auth: { scopes: ['read:users'] } }, res, () => {
      nexts += 1
    })
    expect(nexts).toBe(1)
    expect(sent.status).toBe(403)
  })

  it.each<[string, unknown]>([
    ['tools missing', {}],
    ['a scope list that is a string', { tools: { a: 'read:users' } }],
    ['a scope with a space', { tools: { a: ['read users'] } }],
    ['a hand-made resourceMetadata', { tools: {}, resourceMetadata: { url: 'https://x' } }],
  ])('refuses %s at creation', (_name, options) => {
    expect(() => createToolScopes(options as never)).toThrow(TypeError)
  })
})

describe('calledTools', () => {
  it('reads tools/call requests only, skipping malformed entries', () => {
    expect(
      calledTools([call('a'), { method: 'tools/call' }, null, { method: 'tools/call', params: { name: 1 } }]),
    ).toEqual(['a'])
  })
})

describe('requireToolScopes (inside a tool handler)', () => {
  it('throws ERR_INSUFFICIENT_SCOPE when a scope is missing and ERR_MISSING_TOKEN without authInfo', () => {
    const authInfo = { token: 't', clientId: 'c', scopes: ['read:users'] }
    expect(() => requireToolScopes(authInfo, 'read:users')).not.toThrow()
    expect(() => requireToolScopes(authInfo, 'write:users')).toThrow(
      expect.objectContaining({ code: 'ERR_INSUFFICIENT_SCOPE' }),
    )
    expect(() => requireToolScopes(undefined, 'read:users')).toThrow(
      expect.objectContaining({ code: 'ERR_MISSING_TOKEN' }),
    )
  })
})
