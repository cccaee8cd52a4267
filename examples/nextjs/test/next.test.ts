import { beforeAll, expect, it, vi } from 'vitest'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { buildNextApp, startNextApp } from './next-app.js'

// `next build` takes a while on a busy machine; `next start` a few seconds. Both are bounded.
vi.setConfig({ hookTimeout: 60_000 })

beforeAll(() => buildNextApp(240_000), 240_000)

// The same route tests as every example, against the route handlers under /api, served by `next start`, which
// verifies tokens of the contract's fake Stytch (its project id and URL passed as STYTCH_PROJECT_ID and
// STYTCH_BASE_URL, as a deployment would set them).
describeExampleApp(
  'Next.js',
  async (_verifier, stytch) => {
    const server = await startNextApp({ STYTCH_PROJECT_ID: stytch.projectId, STYTCH_BASE_URL: stytch.baseUrl }, 45_000)
    return { url: `${server.url}/api`, close: () => server.close() }
  },
  (running) => {
    it('answers malformed JSON with a JSON 400, not a stack trace', async () => {
      const { url, issuer } = running()
      const token = await issuer.mint({ scopes: ['write:users'] })
      const response = await fetch(`${url}/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"name":',
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: 'invalid_request' })
    })

    it('answers a CORS preflight without a token, allowing the Authorization header', async () => {
      const response = await fetch(`${running().url}/users`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      })
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-allow-methods')).toContain('POST')
      expect(response.headers.get('access-control-allow-headers')).toMatch(/\bAuthorization\b/i)
      expect(response.headers.get('www-authenticate')).toBeNull()
    })

    it('lets a browser read a refusal: CORS headers on the 401, WWW-Authenticate exposed', async () => {
      const response = await fetch(`${running().url}/users`, { headers: { origin: 'https://app.example.com' } })
      expect(response.status).toBe(401)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-expose-headers')).toMatch(/\bWWW-Authenticate\b/i)
    })

    it('does not announce Next.js in an X-Powered-By header', async () => {
      const response = await fetch(`${running().url}/health`)
      expect(response.headers.get('x-powered-by')).toBeNull()
    })
  },
)
