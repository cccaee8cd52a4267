import type { MicroCase } from './micro-case.js'

async function outcome(verifyCase: MicroCase, token: string): Promise<unknown> {
  try {
    await verifyCase.verify(token)
    return undefined
  } catch (error) {
    return error ?? new Error('rejected without an error')
  }
}

/**
 * Proves a case verifies before it is timed: every valid token must be accepted and every invalid one rejected.
 * It doubles as the warm-up (JIT, imported keys, fetched JWKS, filled token caches).
 *
 * @param verifyCase - The case.
 * @param valid - Tokens it must accept.
 * @param invalid - Tokens it must reject (bad signatures).
 * @throws {Error} naming the case and the token that was wrongly accepted or rejected.
 */
export async function checkCase(
  verifyCase: MicroCase,
  valid: readonly string[],
  invalid: readonly string[],
): Promise<void> {
  for (const [index, token] of valid.entries()) {
    const error = await outcome(verifyCase, token)
    if (error !== undefined) {
      throw new Error(`check failed: "${verifyCase.name}" rejected valid token #${index}`, { cause: error })
    }
  }
  for (const [index, token] of invalid.entries()) {
    if ((await outcome(verifyCase, token)) === undefined) {
      throw new Error(`check failed: "${verifyCase.name}" accepted invalid token #${index} (bad signature)`)
    }
  }
}
