import { randomBytes, randomUUID } from 'node:crypto'
import { createRevocationList, createStytchVerifier, type JwksSource, type RevocationRule } from '@m2m-guard/core'
import { PROJECT_ID, REQUIRED_SCOPE } from '../../fixtures/project.js'
import type { MicroCase } from '../micro-case.js'

const VERIFY_OPTIONS = Object.freeze({ requiredScopes: Object.freeze([REQUIRED_SCOPE]) })
/** Active rules in the revocation cases. */
export const RULE_COUNT = 10_000

/**
 * 10,000 rules that cover none of the benchmark tokens, a quarter of each kind (client, Connected Apps subject,
 * `jti`, token hash with its tail), so every index of the revocation check is populated and consulted.
 *
 * @returns The rules.
 */
function rules(): RevocationRule[] {
  const now = Math.floor(Date.now() / 1000)
  const list: RevocationRule[] = []
  for (let i = 0; i < RULE_COUNT / 4; i++) {
    list.push(
      { type: 'client', clientId: `m2m-client-test-${randomUUID()}`, issuedBefore: now },
      { type: 'subject', subject: `user-test-${randomUUID()}`, issuedBefore: now },
      { type: 'token', jti: randomUUID(), expiresAt: now + 3600 },
      {
        type: 'token',
        sha256: randomBytes(32).toString('base64url'),
        tail: randomBytes(9).toString('base64url'),
        expiresAt: now + 3600,
      },
    )
  }
  return list
}

/**
 * Core with a revocation list of {@link RULE_COUNT} active rules: first-seen and cached, one in flight, to compare
 * with `core-first-seen` and `core-cached` (the same without rules).
 *
 * @param jwks - The in-memory key source.
 * @returns The cases.
 */
export function revocationCases(jwks: JwksSource): MicroCase[] {
  const revocations = createRevocationList({ rules: rules() })
  const make = (id: string, name: string, tokenCache: false | undefined): MicroCase => {
    const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks, revocations, tokenCache })
    return { id, name, inFlight: 1, verify: (token) => verifier.verify(token, VERIFY_OPTIONS) }
  }
  return [
    make(
      'core-first-seen-rules',
      `@m2m-guard/core first-seen (token cache off), ${RULE_COUNT} revocation rules`,
      false,
    ),
    make('core-cached-rules', `@m2m-guard/core cached (hit), ${RULE_COUNT} revocation rules, 1 in flight`, undefined),
  ]
}
