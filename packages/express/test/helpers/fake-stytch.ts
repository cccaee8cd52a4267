import type { RequestListener } from 'node:http'
import { serve } from '../../../../test/support/loopback.js'

export { type FakeStytch, fakeStytch, serve } from '../../../../test/support/loopback.js'

/** Serves `app`, sends one `GET /` with the given Authorization, and closes. */
export async function get(app: RequestListener, authorization?: string): Promise<Response> {
  const server = await serve(app)
  try {
    return await fetch(`${server.url}/`, { headers: authorization === undefined ? {} : { authorization } })
  } finally {
    await server.close()
  }
}
