/** Codes of {@link AgentAuthError}. */
export type AgentAuthErrorCode = 'ERR_METADATA' | 'ERR_RESOURCE_MISMATCH' | 'ERR_AUTHORIZATION_SERVER'

/**
 * Discovery failed in a way that makes asking for a token pointless or unsafe: metadata missing or malformed,
 * metadata describing another resource, or no trusted authorization server.
 *
 * @example
 * try { await client.connect(transport) } catch (error) { if (error instanceof AgentAuthError) log(error.code) }
 */
export class AgentAuthError extends Error {
  /** Stable code. */
  readonly code: AgentAuthErrorCode

  /**
   * @param code - Stable code.
   * @param message - Fixed text, without URLs or tokens.
   */
  constructor(code: AgentAuthErrorCode, message: string) {
    super(message)
    this.name = 'AgentAuthError'
    this.code = code
  }
}
