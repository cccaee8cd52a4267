// Jest + ts-jest, configured as `nest new` does (CommonJS, transform ts-jest, rootDir src, testEnvironment node), with
// no transformIgnorePatterns: on Node 20 this only works because the packages ship a CommonJS build.

import { createTestIssuer, type RunningServer, type TestIssuer } from '@m2m-guard/testing'
import request from 'supertest'
import { createApp } from './app'

let issuer: TestIssuer
let stytch: RunningServer
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  issuer = await createTestIssuer()
  stytch = await issuer.listen()
  app = createApp({ projectId: issuer.projectId, baseUrl: stytch.url })
})
afterAll(() => stytch.close())

it('accepts a token with the scope', async () => {
  const token = await issuer.mint({ clientId: 'm2m-client-jest', scopes: ['read:users'] })
  const response = await request(app).get('/users').set('Authorization', `Bearer ${token}`)
  expect(response.status).toBe(200)
  expect(response.body).toEqual({ caller: 'm2m-client-jest' })
})

it('refuses an expired token with 401', async () => {
  const response = await request(app)
    .get('/users')
    .set('Authorization', `Bearer ${await issuer.hostile.expired()}`)
  expect(response.status).toBe(401)
  expect(response.headers['www-authenticate']).toContain('error="invalid_token"')
})

it('refuses an oversized token with 401, not 431', async () => {
  const response = await request(app)
    .get('/users')
    .set('Authorization', `Bearer ${await issuer.hostile.oversized()}`)
  expect(response.status).toBe(401)
})

it('answers 403 without the scope', async () => {
  const token = await issuer.mint({ scopes: ['write:users'] })
  const response = await request(app).get('/users').set('Authorization', `Bearer ${token}`)
  expect(response.status).toBe(403)
})
