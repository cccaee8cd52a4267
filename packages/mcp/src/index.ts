export { AgentAuthError, type AgentAuthErrorCode } from './agent-auth-error.js'
export {
  type AgentEvent,
  type AgentFetch,
  type AgentFetchOptions,
  type AgentTokenSource,
  createAgentFetch,
} from './agent-fetch.js'
export { authorizationServerMetadataUrl, type Discovery, type DiscoveryStep, type FetchLike } from './discover.js'
export { type BearerChallenge, parseBearerChallenge } from './parse-challenge.js'
export { requireToolScopes } from './require-tool-scopes.js'
export { toAuthInfo } from './to-auth-info.js'
export { toSdkError } from './to-sdk-error.js'
export { createTokenVerifier, type McpTokenVerifierOptions } from './token-verifier.js'
export { calledTools } from './tool-calls.js'
export {
  createToolScopes,
  type ToolScopes,
  type ToolScopesOptions,
  type ToolScopesRequest,
  type ToolScopesResponse,
} from './tool-scopes.js'
