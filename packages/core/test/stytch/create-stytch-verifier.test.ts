import { describe, expect, it } from 'vitest'
import { createStytchVerifier, stytchBaseUrl, stytchIssuer, stytchJwksUrl } from '../../src/index.js'
import { PROJECT_ID, StaticJwks } from '../helpers/test-keys.js'

describe('Stytch URLs', () => {
  it('follows the project id: live ids use api.stytch.com, anything else test.stytch.com', () => {
    expect(stytchBaseUrl('project-live-1')).toBe('https://api.stytch.com')
    expect(stytchBaseUrl('project-test-1')).toBe('https://test.stytch.com')
    expect(stytchJwksUrl('project-live-1')).toBe('https://api.stytch.com/v1/sessions/jwks/project-live-1')
    expect(stytchJwksUrl('project-test-1', 'b2b')).toBe('https://test.stytch.com/v1/b2b/sessions/jwks/project-test-1')
    expect(stytchJwksUrl('project-test-1', 'consumer', 'http://127.0.0.1:9/')).toBe(
      'http://127.0.0.1:9/v1/sessions/jwks/project-test-1',
    )
    expect(stytchIssuer('project-test-1')).toBe('stytch.com/project-test-1')
  })
})

describe('createStytchVerifier options', () => {
  it('needs only the project id', () => {
    expect(() => createStytchVerifier({ projectId: PROJECT_ID })).not.toThrow()
  })

  it.each([
    ['projectId', {}],
    ['projectId', { projectId: '' }],
    ['projectId', { projectId: 'secret-live-123' }],
    ['projectId', { projectId: 'project-test-../../x' }],
    ['projectType', { projectId: PROJECT_ID, projectType: 'enterprise' }],
    ['customDomains', { projectId: PROJECT_ID, customDomains: 'https://login.example.com' }],
    ['customDomains', { projectId: PROJECT_ID, customDomains: ['http://login.example.com'] }],
    ['customDomains', { projectId: PROJECT_ID, customDomains: ['https://login.example.com/path'] }],
    ['baseUrl', { projectId: PROJECT_ID, baseUrl: 'http://stytch.example.com' }],
    ['baseUrl', { projectId: PROJECT_ID, baseUrl: 'ftp://127.0.0.1' }],
    ['clockTolerance', { projectId: PROJECT_ID, clockTolerance: -1 }],
    ['clockTolerance', { projectId: PROJECT_ID, clockTolerance: Number.NaN }],
    ['maxTokenAge', { projectId: PROJECT_ID, maxTokenAge: '60' }],
    ['maxTokenLength', { projectId: PROJECT_ID, maxTokenLength: 0 }],
    ['tokenCache', { projectId: PROJECT_ID, tokenCache: { max: 0 } }],
    ['crypto', { projectId: PROJECT_ID, crypto: 'openssl' }],
    ['realm', { projectId: PROJECT_ID, realm: 'a"b' }],
    ['clock', { projectId: PROJECT_ID, clock: 5 }],
    ['audience', { projectId: PROJECT_ID, audience: 'other' }],
    ['secret', { projectId: PROJECT_ID, secret: 'shh' }],
  ])('throws a TypeError naming %s when it is wrong', (name, options) => {
    expect(() => createStytchVerifier(options as never)).toThrow(TypeError)
    expect(() => createStytchVerifier(options as never)).toThrow(name)
  })

  it('accepts http only for loopback base URLs', () => {
    expect(() => createStytchVerifier({ projectId: PROJECT_ID, baseUrl: 'http://127.0.0.1:4000' })).not.toThrow()
    expect(() => createStytchVerifier({ projectId: PROJECT_ID, baseUrl: 'http://localhost:4000' })).not.toThrow()
    expect(() => createStytchVerifier({ projectId: PROJECT_ID, baseUrl: 'http://[::1]:4000' })).not.toThrow()
  })

  it('accepts a custom JWKS source', () => {
    const jwks = new StaticJwks()
    expect(createStytchVerifier({ projectId: PROJECT_ID, jwks }).jwks).toBe(jwks)
  })
})
