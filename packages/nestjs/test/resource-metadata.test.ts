import 'reflect-metadata'
import { createResourceMetadata } from '@m2m-guard/core'
import { createTestIssuer, type RunningServer, type TestIssuer } from '@m2m-guard/testing'
import type { INestApplication } from '@nestjs/common'
import { FastifyAdapter } from 'nest11-platform-fastify'
import { Test } from 'nest11-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { M2MGuardModule } from '../src/index.js'
import { appModule } from './nest-app.js'

const PATH = '/.well-known/oauth-protected-resource/mcp'
const METADATA_URL = `https://api.example.com${PATH}`
const AS = 'https://login.example.com'

let issuer: TestIssuer
let stytch: RunningServer

beforeAll(async () => {
  issuer = await createTestIssuer({})
  stytch = await issuer.listen()
})
afterAll(() => stytch?.close())

const platforms = [
  ['Express', () => undefined],
  ['Fastify', () => new FastifyAdapter()],
] as const

describe.each(platforms)('resourceMetadata on the %s platform, under a global M2MGuard', (_name, adapter) => {
  let app: INestApplication
  let base: string
  const resourceMetadata = () =>
    createResourceMetadata({
      resource: 'https://api.example.com/mcp',
      authorizationServers: [AS],
      scopesSupported: ['read:users'],
      maxAge: 600,
    })

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      imports: [
        appModule([
          M2MGuardModule.forRoot({
            projectId: issuer.projectId,
            baseUrl: stytch.url,
            resourceMetadata: resourceMetadata(),
          }),
        ]),
      ],
    }).compile()
    const platform = adapter()
    app = platform === undefined ? module.createNestApplication() : module.createNestApplication(platform)
    app.useLogger(false)
    await app.listen(0, '127.0.0.1')
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1')
  })
  afterAll(() => app?.close())

  it('serves the document on GET without a token, with CORS * and Cache-Control', async () => {
    const response = await fetch(`${base}${PATH}?x=1`)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cache-control')).toBe('public, max-age=600')
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({
      resource: 'https://api.example.com/mcp',
      authorization_servers: [AS],
      scopes_supported: ['read:users'],
      bearer_methods_supported: ['header'],
    })
  })

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(`${base}${PATH}`, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=600')
    expect(response.headers.get('content-length')).toBe(String(JSON.stringify(resourceMetadata().document).length))
    expect(await response.text()).toBe('')
  })

  it('answers another method with 405 and Allow', async () => {
    const response = await fetch(`${base}${PATH}`, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('names the document and the route scopes in a 401 challenge', async () => {
    const response = await fetch(`${base}/users`)
    expect(response.status).toBe(401)
    const challenge = response.headers.get('www-authenticate')
    expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`)
    expect(challenge).toContain('scope="read:users"')
    expect(response.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate')
  })

  it('names the document in a 403 challenge', async () => {
    const token = await issuer.mint({ clientId: 'm2m-client-a', scopes: ['read:users'] })
    const response = await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(403)
    const challenge = response.headers.get('www-authenticate')
    expect(challenge).toContain('error="insufficient_scope"')
    expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`)
  })
})

describe('without resourceMetadata', () => {
  it('serves no document: the well-known path is a 404', async () => {
    const module = await Test.createTestingModule({
      imports: [appModule([M2MGuardModule.forRoot({ projectId: issuer.projectId, baseUrl: stytch.url })])],
    }).compile()
    const app = module.createNestApplication({ logger: false })
    await app.listen(0, '127.0.0.1')
    try {
      const response = await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}${PATH}`)
      expect(response.status).toBe(404)
    } finally {
      await app.close()
    }
  })
})

describe('with forRootAsync and a global prefix excluding the well-known path', () => {
  it.each(platforms)('serves the document at the root on the %s platform', async (_name, adapter) => {
    const resourceMetadata = createResourceMetadata({
      resource: 'https://api.example.com/mcp',
      authorizationServers: [AS],
    })
    const module = await Test.createTestingModule({
      imports: [
        appModule([
          M2MGuardModule.forRootAsync({
            useFactory: () => ({ projectId: issuer.projectId, baseUrl: stytch.url, resourceMetadata }),
          }),
        ]),
      ],
    }).compile()
    const platform = adapter()
    const app = platform === undefined ? module.createNestApplication() : module.createNestApplication(platform)
    app.useLogger(false)
    app.setGlobalPrefix('api', { exclude: [PATH] })
    await app.listen(0, '127.0.0.1')
    try {
      const base = (await app.getUrl()).replace('[::1]', '127.0.0.1')
      const response = await fetch(`${base}${PATH}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
      const refused = await fetch(`${base}/api/users`)
      expect(refused.status).toBe(401)
      expect(refused.headers.get('www-authenticate')).toContain(`resource_metadata="${METADATA_URL}"`)
    } finally {
      await app.close()
    }
  })
})
