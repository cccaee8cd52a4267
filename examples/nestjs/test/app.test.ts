import { expect, it } from 'vitest'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { createApp } from '../src/app.js'

describeExampleApp(
  'NestJS',
  async (verifier) => {
    const app = await createApp({ verifier })
    await app.listen(0, '127.0.0.1')
    return { url: await app.getUrl(), close: () => app.close() }
  },
  (running) => {
    it('runs the global guard only on routes: an unknown route is a plain 404 without a challenge', async () => {
      const response = await fetch(`${running().url}/nope`)
      expect(response.status).toBe(404)
      expect(response.headers.get('www-authenticate')).toBeNull()
    })
  },
)
