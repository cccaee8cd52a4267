import { createServer } from 'node:http'
import { expect, it } from 'vitest'
import { closeServer, listen } from '../../support/src/http-server.js'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { createApp } from '../src/app.js'

describeExampleApp(
  'Koa',
  async (verifier) => {
    const server = createServer(createApp({ verifier }).callback())
    return { url: await listen(server, { host: '127.0.0.1', port: 0 }), close: () => closeServer(server) }
  },
  (running) => {
    it('answers 405 with an Allow header to a method the route does not have', async () => {
      const response = await fetch(`${running().url}/health`, { method: 'DELETE' })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toContain('GET')
    })

    it('refuses a body over 16 KiB with 413', async () => {
      const { url, issuer } = running()
      const token = await issuer.mint({ scopes: ['write:users'] })
      const response = await fetch(`${url}/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(20_000) }),
      })
      expect(response.status).toBe(413)
    })
  },
)
