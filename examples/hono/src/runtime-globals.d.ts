// The little of Bun's and Deno's global APIs the entries use, so this example builds with Node's types only (real
// projects install `@types/bun` or use Deno's own types instead).

declare const Bun: {
  readonly env: Readonly<Record<string, string | undefined>>
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Response | Promise<Response> }): {
    readonly url: URL
  }
}

declare const Deno: {
  readonly env: { toObject(): Record<string, string> }
  serve(
    options: { hostname: string; port: number; onListen: (address: { hostname: string; port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown
}
