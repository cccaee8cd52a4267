// The little of each runtime's global API the entries use; the runtimes' own type packages are not installed.
declare const __TEST_ENV__: import('../../adapters/routes.js').StytchEnv

declare const Bun: {
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Response | Promise<Response> }): {
    port: number
  }
}

declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown
}
