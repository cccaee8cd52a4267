import type { Request, Response } from 'express'
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer'
import { ISSUER, JWKS_URL, PROJECT_ID, REQUIRED_SCOPE } from '../../fixtures/project.js'
import type { MicroCase } from '../micro-case.js'

/** The parts of an Express request express-oauth2-jwt-bearer reads. */
function mockRequest(token: string): Request {
  const headers: Record<string, string> = { host: 'api.example.com', authorization: `Bearer ${token}` }
  return {
    headers,
    method: 'GET',
    protocol: 'https',
    url: '/api/users',
    originalUrl: '/api/users',
    query: {},
    body: undefined,
    socket: { remoteAddress: '127.0.0.1' },
    get: (name: string) => headers[name.toLowerCase()],
    is: () => false,
  } as unknown as Request
}

/**
 * Auth0's express-oauth2-jwt-bearer (jose 4) `auth()` then `requiredScopes('read:users')`, called as Express would
 * call them but without HTTP (mock request, `next` callbacks). Its JWKS comes through the caller's msw
 * interceptor, fetched once.
 *
 * @returns The case.
 */
export function auth0Case(): MicroCase {
  const authenticate = auth({ issuer: ISSUER, audience: PROJECT_ID, jwksUri: JWKS_URL, tokenSigningAlg: 'RS256' })
  const scopes = requiredScopes(REQUIRED_SCOPE)
  const res = {} as Response
  return {
    id: 'auth0',
    name: 'express-oauth2-jwt-bearer (jose 4), middleware without HTTP',
    inFlight: 1,
    verify: (token) =>
      new Promise<void>((resolve, reject) => {
        const req = mockRequest(token)
        void authenticate(req, res, (error?: unknown) => {
          if (error !== undefined) return reject(error)
          scopes(req, res, (scopeError?: unknown) => (scopeError === undefined ? resolve() : reject(scopeError)))
        })
      }),
  }
}
