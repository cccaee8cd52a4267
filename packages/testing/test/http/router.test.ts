import { describe, expect, it } from 'vitest'
import { matchRoute, type Route } from '../../src/http/router.js'

const run = async (): Promise<Response> => new Response()
const routes: Route<null>[] = [
  { method: 'GET', path: '/v1/m2m/clients/:clientId', group: 'api', run },
  { method: 'PUT', path: '/v1/m2m/clients/:clientId', group: 'api', run },
  { method: 'POST', path: '/v1/m2m/clients/search', group: 'api', run },
]

describe('matchRoute', () => {
  it('matches literal and parameter segments, decoding parameters', () => {
    const match = matchRoute(routes, 'GET', '/v1/m2m/clients/a%2Fb%20c')
    expect(match).toMatchObject({ kind: 'found', params: { clientId: 'a/b c' } })
    expect(matchRoute(routes, 'POST', '/v1/m2m/clients/search')).toMatchObject({ kind: 'found', params: {} })
  })

  it('reports the allowed methods for a known path', () => {
    expect(matchRoute(routes, 'DELETE', '/v1/m2m/clients/x')).toEqual({ kind: 'wrong-method', allow: ['GET', 'PUT'] })
  })

  it('does not match empty parameters, extra segments or broken encodings', () => {
    expect(matchRoute(routes, 'GET', '/v1/m2m/clients/')).toEqual({ kind: 'not-found' })
    expect(matchRoute(routes, 'GET', '/v1/m2m/clients/x/y')).toEqual({ kind: 'not-found' })
    expect(matchRoute(routes, 'GET', '/v1/m2m/clients/%E0%A4%A')).toEqual({ kind: 'not-found' })
  })
})
