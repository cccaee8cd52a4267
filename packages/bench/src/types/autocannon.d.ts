// autocannon ships no types; this declares the part of its API the bench uses.
declare module 'autocannon' {
  export interface Request {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request
  }

  export interface Options {
    url: string
    connections?: number
    pipelining?: number
    /** Seconds. */
    duration?: number
    /** Total requests; overrides `duration`. */
    amount?: number
    timeout?: number
    /** Milliseconds between samples; a run stops only on a sample tick. Default 1000. */
    sampleInt?: number
    requests?: Request[]
  }

  export interface Histogram {
    average: number
    mean: number
    p50: number
    p99: number
    total: number
  }

  export interface Result {
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    /** Seconds the run took. */
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }

  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
