import 'reflect-metadata'
import { createTestIssuer, type RunningServer, type TestIssuer } from '@m2m-guard/testing'
import type { INestApplication, LoggerService } from '@nestjs/common'
import * as common from 'nest11-common'
import { Test } from 'nest11-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { M2MGuardModule, MaxTokenAge, RequireAnyScope, RequireScopes } from '../src/index.js'
import { appModule } from './nest-app.js'

/** Records what Nest logs at ERROR: a refused request must not be logged as an unexpected error. */
class RecordingLogger implements LoggerService {
  readonly errors: unknown[] = []
  log(): void {}
  warn(): void {}
  error(...args: unknown[]): void {
    this.errors.push(args)
  }
}

let issuer: TestIssuer
let stytch: RunningServer

beforeAll(async () => {
  issuer = await createTestIssuer({})
  stytch = await issuer.listen()
})
afterAll(() => stytch?.close())

describe('M2MGuardModule.forRoot', () => {
  it('refuses a bad option when the module is declared, naming the option and forRoot', () => {
    expect(() => M2MGuardModule.forRoot({ projectId: 'project-test-x', requireScopes: ['a'] } as never)).toThrow(
      /M2MGuardModule\.forRoot.*"requireScopes"/,
    )
    expect(() => M2MGuardModule.forRoot({ projectId: 'project-test-x', maxTokenAge: -1 })).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('"maxTokenAge"') }),
    )
  })

  it('refuses a non-boolean global setting', () => {
    expect(() => M2MGuardModule.forRoot({ projectId: 'project-test-x', global: 'yes' as never })).toThrow(TypeError)
  })
})

describe('the decorators', () => {
  it('refuse bad arguments when the class is declared, not on a request', () => {
    expect(() => RequireScopes()).toThrow(/RequireScopes\(\)/)
    expect(() => RequireAnyScope('read users')).toThrow(TypeError)
    expect(() => MaxTokenAge(0)).toThrow(/MaxTokenAge\(\)/)
    expect(() => MaxTokenAge(90_000)).toThrow(TypeError)
    expect(() => MaxTokenAge(86_400)).not.toThrow()
  })
})

describe('M2MGuardModule.forRootAsync', () => {
  it('fails the bootstrap for a bad option from the factory', async () => {
    const builder = Test.createTestingModule({
      imports: [M2MGuardModule.forRootAsync({ useFactory: () => ({ projectId: 'project-test-x', realm: 'a"b' }) })],
    })
    await expect(builder.compile()).rejects.toThrow(/"realm"/)
  })
})

describe('a global M2MGuard with @Public(), built with @nestjs/testing', () => {
  let app: INestApplication
  let base: string
  const logger = new RecordingLogger()

  beforeAll(async () => {
    // A stand-in for @nestjs/config's ConfigModule: a module exporting the settings the factory injects.
    class StytchConfigModule {}
    common.Module({
      providers: [{ provide: 'STYTCH', useValue: { projectId: issuer.projectId, baseUrl: stytch.url } }],
      exports: ['STYTCH'],
    })(StytchConfigModule)
    const module = await Test.createTestingModule({
      imports: [
        appModule([
          M2MGuardModule.forRootAsync({
            inject: ['STYTCH'],
            useFactory: (stytchConfig: { projectId: string; baseUrl: string }) => stytchConfig,
            imports: [StytchConfigModule],
          }),
        ]),
      ],
    }).compile()
    app = module.createNestApplication({ logger })
    await app.listen(0, '127.0.0.1')
    base = await app.getUrl()
    base = base.replace('[::1]', '127.0.0.1')
  })
  afterAll(() => app?.close())

  const get = async (path: string, scopes?: string[]) => {
    const headers: Record<string, string> = {}
    if (scopes) headers.authorization = `Bearer ${await issuer.mint({ clientId: 'm2m-client-a', scopes })}`
    return fetch(`${base}${path}`, { headers })
  }

  it('lets a @Public() handler through without a token', async () => {
    const response = await get('/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('answers 401 with the challenge, no-store and the JSON body, and logs no error', async () => {
    const response = await get('/users')
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ error: 'unauthorized', error_description: expect.any(String) })
    expect(logger.errors).toEqual([])
  })

  it("lets the handler's @RequireScopes replace the controller's, and gives @M2M('clientId')", async () => {
    const response = await get('/users', ['read:users'])
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ clientId: 'm2m-client-a' })
  })

  it("applies the controller's @RequireScopes where the handler has none: 403, logged at no error", async () => {
    const refused = await get('/admin', ['read:users'])
    expect(refused.status).toBe(403)
    expect(refused.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="admin:\*"/)
    expect(logger.errors).toEqual([])
    expect((await get('/admin', ['admin:*'])).status).toBe(200)
  })
})
