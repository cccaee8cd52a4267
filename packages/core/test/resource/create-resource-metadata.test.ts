import { describe, expect, it } from 'vitest'
import { createGuard, type M2MAuthOptions, resourceMetadataResponse } from '../../src/adapter/index.js'
import { renderError } from '../../src/errors/render-error.js'
import {
  createResourceMetadata,
  createStytchVerifier,
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  JwksUnavailableError,
  MissingTokenError,
  type ResourceMetadataOptions,
} from '../../src/index.js'

const AS = ['https://login.example.com']
const make = (options: Partial<ResourceMetadataOptions> & Record<string, unknown>) =>
  createResourceMetadata({ resource: 'https://api.example.com/mcp', authorizationServers: AS, ...options })

describe('createResourceMetadata: the RFC 9728 document', () => {
  it('writes resource, authorization_servers, scopes_supported, bearer_methods_supported and the optional names', () => {
    const metadata = make({
      scopesSupported: ['read:users'],
      resourceName: 'Users MCP',
      resourceDocumentation: 'https://docs.example.com/mcp',
    })
    expect(metadata.document).toEqual({
      resource: 'https://api.example.com/mcp',
      authorization_servers: ['https://login.example.com'],
      scopes_supported: ['read:users'],
      bearer_methods_supported: ['header'],
      resource_name: 'Users MCP',
      resource_documentation: 'https://docs.example.com/mcp',
    })
    expect(Object.isFrozen(metadata)).toBe(true)
    expect(Object.isFrozen(metadata.document)).toBe(true)
    expect(Object.isFrozen(metadata.document.authorization_servers)).toBe(true)
  })

  // RFC 9728 §3.1: the well-known suffix goes between the host and the path; a trailing slash is dropped.
  it.each([
    ['https://api.example.com/mcp', '/.well-known/oauth-protected-resource/mcp'],
    ['https://api.example.com/tenant/mcp/', '/.well-known/oauth-protected-resource/tenant/mcp'],
    ['https://api.example.com', '/.well-known/oauth-protected-resource'],
    ['https://api.example.com/', '/.well-known/oauth-protected-resource'],
  ])('places the metadata of %s at %s', (resource, path) => {
    const metadata = make({ resource })
    expect(metadata.path).toBe(path)
    expect(metadata.url).toBe(`https://api.example.com${path}`)
  })

  it('keeps a bare origin as written (no slash added: clients compare resource identifiers as strings)', () => {
    expect(make({ resource: 'https://api.example.com' }).document.resource).toBe('https://api.example.com')
  })

  it('accepts loopback http for tests, like every other URL option', () => {
    expect(make({ resource: 'http://127.0.0.1:3000/mcp', authorizationServers: ['http://localhost:4000'] }).url).toBe(
      'http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp',
    )
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no resource', { resource: undefined }, /option "resource" must be/],
    [
      'an http resource on another host',
      { resource: 'http://api.example.com/mcp' },
      /option "resource" must be an https/,
    ],
    ['a relative resource', { resource: '/mcp' }, /option "resource" must be an absolute URL/],
    [
      'a resource with a fragment',
      { resource: 'https://api.example.com/mcp#x' },
      /option "resource" must be a URL without a fragment/,
    ],
    [
      'a resource with a query',
      { resource: 'https://api.example.com/mcp?a=1' },
      /option "resource" must be a URL without a query/,
    ],
    ['a resource with credentials', { resource: 'https://u:p@api.example.com/mcp' }, /option "resource"/],
    [
      'no authorization server',
      { authorizationServers: [] },
      /option "authorizationServers" must be a non-empty array/,
    ],
    ['authorization servers as a string', { authorizationServers: AS[0] }, /option "authorizationServers"/],
    [
      'an http authorization server',
      { authorizationServers: ['http://login.example.com'] },
      /option "authorizationServers\[0\]"/,
    ],
    ['a scope with a space', { scopesSupported: ['read users'] }, /option "scopesSupported"/],
    ['an empty resource name', { resourceName: ' ' }, /option "resourceName"/],
    [
      'an http documentation URL',
      { resourceDocumentation: 'http://docs.example.com' },
      /option "resourceDocumentation"/,
    ],
    ['a negative maxAge', { maxAge: -1 }, /option "maxAge"/],
    [
      'a misspelt option',
      { scopeSupported: ['read:users'] },
      /does not know the option "scopeSupported" \(did you mean "scopesSupported"\?\)/,
    ],
  ])('refuses %s with a TypeError naming the option', (_name, options, message) => {
    expect(() => make(options)).toThrow(TypeError)
    expect(() => make(options)).toThrow(message)
  })
})

describe('resourceMetadataResponse: serving the document', () => {
  const metadata = make({ maxAge: 120 })

  it('answers GET with the JSON document, CORS-readable and cacheable', () => {
    const answer = resourceMetadataResponse(metadata, 'GET')
    expect(answer.status).toBe(200)
    expect(answer.headers).toMatchObject({
      'Access-Control-Allow-Origin': '*',
      'Content-Type': 'application/json',
      'Cache-Control': 'public, max-age=120',
    })
    expect(JSON.parse(answer.body as string)).toEqual(metadata.document)
    expect(answer.headers['Content-Length']).toBe(String(new TextEncoder().encode(answer.body as string).length))
  })

  it('answers a CORS preflight with 204 and other methods with 405 and Allow', () => {
    expect(resourceMetadataResponse(metadata, 'OPTIONS').status).toBe(204)
    const refused = resourceMetadataResponse(metadata, 'POST')
    expect(refused.status).toBe(405)
    expect(refused.headers.Allow).toBe('GET, HEAD, OPTIONS')
    expect(refused.body).toBeUndefined()
  })
})

describe('challenges that guide a client (RFC 9728 §5.1)', () => {
  const url = 'https://api.example.com/.well-known/oauth-protected-resource/mcp'
  const options = { resourceMetadataUrl: url, scopes: ['read:users'] }

  it('adds resource_metadata and the route scopes to a 401 without a token', () => {
    const { headers } = renderError(new MissingTokenError(), options)
    expect(headers['WWW-Authenticate']).toBe(`Bearer realm="api", scope="read:users", resource_metadata="${url}"`)
    expect(headers['Access-Control-Expose-Headers']).toBe('WWW-Authenticate')
  })

  it('adds resource_metadata to a 401 invalid_token', () => {
    const { headers } = renderError(new InvalidTokenError('ERR_TOKEN_EXPIRED'), options)
    expect(headers['WWW-Authenticate']).toMatch(
      /^Bearer realm="api", error="invalid_token", error_description="[^"]+", scope="read:users", resource_metadata="/,
    )
  })

  it('keeps the missing scopes of a 403 (not the route scopes) and adds resource_metadata', () => {
    const { headers } = renderError(new InsufficientScopeError(['write:users']), options)
    expect(headers['WWW-Authenticate']).toContain('scope="write:users"')
    expect(headers['WWW-Authenticate']).toContain(`resource_metadata="${url}"`)
  })

  it('adds nothing to a 400 and sends no challenge on a 503', () => {
    expect(
      renderError(new InvalidRequestError('Malformed Authorization header'), options).headers['WWW-Authenticate'],
    ).not.toContain('resource_metadata')
    expect(renderError(new JwksUnavailableError(30), options).headers['WWW-Authenticate']).toBeUndefined()
  })

  it('changes nothing without resourceMetadataUrl', () => {
    const { headers } = renderError(new MissingTokenError(), { scopes: ['read:users'] })
    expect(headers['WWW-Authenticate']).toBe('Bearer realm="api", scope="read:users"')
    expect(headers['Access-Control-Expose-Headers']).toBeUndefined()
  })
})

describe('createGuard: the resourceMetadata option', () => {
  const verifier = createStytchVerifier({ projectId: 'project-test-00000000-0000-4000-8000-000000000000' })
  const guard = (options: Record<string, unknown>) =>
    createGuard({ verifier, ...options } as M2MAuthOptions, { name: 'm2mAuth' })

  it('refuses a hand-made document: only createResourceMetadata() values are checked', () => {
    expect(() => guard({ resourceMetadata: { url: 'https://x', path: '/x' } })).toThrow(/option "resourceMetadata"/)
  })

  it('refuses the delegate mode, whose errors the framework renders without the metadata', () => {
    expect(() => guard({ resourceMetadata: make({}), errorHandling: 'delegate' })).toThrow(/"resourceMetadata"/)
  })

  it('serves the document only at its path, and renders with the guard and route scopes', () => {
    const metadata = make({})
    const withMetadata = guard({ resourceMetadata: metadata, requiredScopes: ['read:users'] })
    expect(withMetadata.metadataResponse('GET', '/.well-known/oauth-protected-resource/mcp')?.status).toBe(200)
    expect(withMetadata.metadataResponse('GET', '/.well-known/oauth-protected-resource')).toBeUndefined()
    expect(guard({}).metadataResponse('GET', '/.well-known/oauth-protected-resource/mcp')).toBeUndefined()
    const route = withMetadata.derive({ requiredScopes: ['write:users'] }, 'config.m2m.')
    expect(route.render(new MissingTokenError())?.headers['WWW-Authenticate']).toBe(
      `Bearer realm="api", scope="read:users write:users", resource_metadata="${metadata.url}"`,
    )
  })
})
