// issue 20: the oversized token used to default to 16,384 characters, over Node's 16 KiB header limit, so a real
// server answered 431 before the verifier ran (and msw never answered at all).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createStytchVerifier, M2MAuthError } from '@m2m-guard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type RunningServer, type TestIssuer } from '../../src/index.js'

let issuer: TestIssuer
let stytch: RunningServer
let api: { url: string; close(): Promise<void> }

beforeAll(async () => {
  issuer = await createTestIssuer()
  stytch = await issuer.listen()
  const verifier = createStytchVerifier({ projectId: issuer.projectId, baseUrl: stytch.url })
  // A plain node:http API in front of core: the header limit that matters is Node's, not a framework's.
  const server = createServer((req, res) => {
    verifier.authenticate(req.headers.authorization).then(
      () => res.writeHead(200).end(),
      (error: unknown) => {
        if (!(error instanceof M2MAuthError)) {
          res.writeHead(500).end()
          return
        }
        const { status, headers } = error.toResponse()
        res.writeHead(status, headers).end(JSON.stringify({ code: error.code }))
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
})
afterAll(async () => {
  await api.close()
  await stytch.close()
})

describe('hostile.oversized() against a real Node server', () => {
  it('is refused by the verifier with 401 ERR_TOKEN_TOO_LARGE, not by Node with 431', async () => {
    const token = await issuer.hostile.oversized()
    const response = await fetch(api.url, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/)
    expect(await response.json()).toMatchObject({ code: 'ERR_TOKEN_TOO_LARGE' })
  })

  it('still passes with a regular token, so the 401 is about the size', async () => {
    const token = await issuer.mint({ scopes: ['read:users'] })
    const response = await fetch(api.url, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
  })
})
