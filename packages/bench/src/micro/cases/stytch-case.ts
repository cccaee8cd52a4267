import { Client } from 'stytch'
import { PROJECT_ID, REQUIRED_SCOPE } from '../../fixtures/project.js'
import type { MicroCase } from '../micro-case.js'

/**
 * Stytch's Node SDK `m2m.authenticateToken` (local verification with jose 5 behind it). Its JWKS comes from
 * `https://test.stytch.com/...` through the caller's msw interceptor, fetched once on the first call and cached
 * by jose's remote key set for 10 minutes.
 *
 * @returns The case.
 */
export function stytchCase(): MicroCase {
  const client = new Client({ project_id: PROJECT_ID, secret: 'secret-test-bench-not-used' })
  const requiredScopes = [REQUIRED_SCOPE]
  return {
    id: 'stytch',
    name: "Stytch's SDK `m2m.authenticateToken` (jose 5)",
    inFlight: 1,
    verify: (token) => client.m2m.authenticateToken({ access_token: token, required_scopes: requiredScopes }),
  }
}
