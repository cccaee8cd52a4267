/**
 * Stable codes of {@link TestIssuerError}. Match on `code`, never on `message`.
 *
 * - `ERR_MSW_MISSING`: `handlers()` was called but the optional peer dependency `msw` is not installed.
 * - `ERR_CLIENT_NOT_FOUND`: no M2M client has that id.
 * - `ERR_CLIENT_EXISTS`: `clients.create` was given a `client_id` that is taken.
 * - `ERR_CLIENT_INVALID`: a client field has the wrong type or value (the HTTP API answers 400).
 * - `ERR_NO_ROTATION`: completing or cancelling a secret rotation that was never started.
 * - `ERR_KEY_NOT_FOUND`: `retireKey` was given a kid the issuer does not publish.
 * - `ERR_KEY_IN_USE`: `retireKey` was given the kid that currently signs tokens.
 */
export type TestIssuerErrorCode =
  | 'ERR_MSW_MISSING'
  | 'ERR_CLIENT_NOT_FOUND'
  | 'ERR_CLIENT_EXISTS'
  | 'ERR_CLIENT_INVALID'
  | 'ERR_NO_ROTATION'
  | 'ERR_KEY_NOT_FOUND'
  | 'ERR_KEY_IN_USE'

/**
 * The one error class the test issuer throws for state errors (misconfigured options throw `TypeError` instead).
 *
 * @example
 * ```ts
 * try {
 *   issuer.clients.update('m2m-client-test-missing', { status: 'inactive' })
 * } catch (error) {
 *   if (error instanceof TestIssuerError && error.code === 'ERR_CLIENT_NOT_FOUND') {
 *     // …
 *   }
 * }
 * ```
 */
export class TestIssuerError extends Error {
  /** The stable code. */
  readonly code: TestIssuerErrorCode

  /**
   * @param code - The stable code.
   * @param message - A human-readable explanation; may change between releases.
   * @param options - `cause`, when one error wraps another.
   */
  constructor(code: TestIssuerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'TestIssuerError'
    this.code = code
  }
}
