import type { TestIssuer } from '@m2m-guard/testing'
import { expect, it } from 'vitest'

/**
 * Declares the Hono example's own test, run on every runtime: a malformed body is a JSON 400, not a 500.
 *
 * @param running - The app's URL and the fake issuer, from the shared route tests.
 */
export function itAnswersMalformedJson(running: () => { url: string; issuer: TestIssuer }): void {
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
}
