import { createServer } from 'node:http'
import { expect, it } from 'vitest'
import { closeServer, listen } from '../../support/src/http-server.js'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { createApp } from '../src/app.js'

describeExampleApp(
  'Express',
  async (verifier) => {
    const server = createServer(createApp({ verifier }))
    return { url: await listen(server, { host: '127.0.0.1', port: 0 }), close: () => closeServer(server) }
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

    it('does not announce Express in an X-Powered-By header', async () => {
      const response = await fetch(`${running().url}/health`)
      expect(response.headers.get('x-powered-by')).toBeNull()
    })
  },
)
