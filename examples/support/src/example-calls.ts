/** Which token a call sends: `READ_TOKEN` (scope `read:users`), `WRITE_TOKEN` (`read:users write:users`) or none. */
export type TokenName = 'READ_TOKEN' | 'WRITE_TOKEN'

/** One request to an example API and what it answers. */
export interface ExampleCall {
  method: 'GET' | 'POST'
  path: string
  token: TokenName | undefined
  /** JSON body, for `POST /users`. */
  body?: Record<string, unknown> | undefined
  status: number
  /** Why that status, in a few words. */
  note: string
}

/** The calls the examples print as curl commands; their tests run them too. */
export const EXAMPLE_CALLS: readonly ExampleCall[] = [
  { method: 'GET', path: '/health', token: undefined, status: 200, note: 'public' },
  { method: 'GET', path: '/users', token: undefined, status: 401, note: 'no token' },
  { method: 'GET', path: '/users', token: 'READ_TOKEN', status: 200, note: 'read:users granted' },
  {
    method: 'POST',
    path: '/users',
    token: 'READ_TOKEN',
    body: { name: 'Ada' },
    status: 403,
    note: 'insufficient_scope: write:users missing',
  },
  { method: 'POST', path: '/users', token: 'WRITE_TOKEN', body: { name: 'Ada' }, status: 201, note: 'created' },
  { method: 'GET', path: '/whoami', token: undefined, status: 200, note: 'anonymous' },
  { method: 'GET', path: '/whoami', token: 'WRITE_TOKEN', status: 200, note: "the writer's client id" },
]
