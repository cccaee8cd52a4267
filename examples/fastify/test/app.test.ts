import { expect, it } from 'vitest'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { createApp } from '../src/app.js'

describeExampleApp(
  'Fastify',
  async (verifier) => {
    const app = await createApp({ verifier })
    return { url: await app.listen({ host: '127.0.0.1', port: 0 }), close: () => app.close() }
  },
  (running) => {
    it('guards only the routes registered inside the plugin context: an unknown route is a plain 404', async () => {
      const response = await fetch(`${running().url}/nope`)
      expect(response.status).toBe(404)
      expect(response.headers.get('www-authenticate')).toBeNull()
    })
  },
)
