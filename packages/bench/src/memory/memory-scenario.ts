/** Core's documented default token-cache size (`tokenCache: { max: 1000 }`). */
export const DEFAULT_TOKEN_CACHE_MAX = 1000

/** One memory measurement, run in a fresh child process. */
export interface MemoryScenario {
  readonly label: string
  /** Distinct tokens verified. */
  readonly count: number
  /** Token-cache size; `false` turns the cache off; `undefined` keeps core's default. */
  readonly cacheMax: number | false | undefined
  /** Valid tokens (all must be accepted) or bad-signature tokens (all must be rejected). */
  readonly valid: boolean
}

/** What the worker sends back. */
export interface MemoryReport {
  readonly before: NodeJS.MemoryUsage
  readonly after: NodeJS.MemoryUsage
  readonly accepted: number
  readonly rejected: number
}

/** The request to the worker. */
export interface MemoryRequest {
  readonly kid: string
  readonly pem: string
  readonly scenario: MemoryScenario
}
