import autocannon, { type Result } from 'autocannon'
import { ROUTE } from './http-case.js'

/** How long (or how much) to load a server. */
export type LoadBudget = { readonly seconds: number } | { readonly requests: number }

/** Connections kept open by autocannon. */
export const CONNECTIONS = 10

/**
 * Loads `GET /api/users` on a loopback port with autocannon, each request carrying the next token of `tokens`
 * (shared rotation across connections).
 *
 * @param port - The server's port on 127.0.0.1.
 * @param tokens - Tokens to rotate through.
 * @param cursor - Rotation position, kept across calls.
 * @param budget - Duration or request count.
 * @returns autocannon's result.
 */
export function load(
  port: number,
  tokens: readonly string[],
  cursor: { index: number },
  budget: LoadBudget,
): Promise<Result> {
  const headers = tokens.map((token) => ({ authorization: `Bearer ${token}` }))
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    pipelining: 1,
    timeout: 10,
    // A run ends on a sample tick (default: every second); ticking often lets short runs end on time.
    sampleInt: 100,
    ...('seconds' in budget ? { duration: budget.seconds } : { amount: budget.requests }),
    requests: [
      {
        method: 'GET',
        path: ROUTE,
        setupRequest: (request) => {
          const index = cursor.index
          cursor.index = index + 1 === headers.length ? 0 : index + 1
          return { ...request, headers: headers[index]! }
        },
      },
    ],
  })
}
