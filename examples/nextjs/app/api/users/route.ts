import { m2m, onFirstRequest } from '../../../lib/m2m'
import { users } from '../../../lib/users'

// GET /api/users: a token with `read:users` (401 without a valid token, 403 without the scope).
export const GET = onFirstRequest(() =>
  m2m().withM2M(() => Response.json({ users }), { requiredScopes: ['read:users'] }),
)

// POST /api/users, body `{ "name": "…" }`: a token with `write:users`. The body is read only after the caller is
// authorized: anonymous requests cost no parsing.
export const POST = onFirstRequest(() =>
  m2m().withM2M(
    async (request, auth) => {
      const body: unknown = await request.json().catch(() => undefined)
      if (body === undefined) return Response.json({ error: 'invalid_request' }, { status: 400 })
      const name: unknown = (body as { name?: unknown } | null)?.name
      if (typeof name !== 'string' || name.trim() === '') {
        return Response.json({ error: 'invalid_request', error_description: 'Send {"name": "…"}' }, { status: 400 })
      }
      const user = { id: users.length + 1, name }
      users.push(user)
      // `auth` is the verified caller: clientId (the token's `sub`), scopes, customClaims, claims.
      return Response.json({ user, createdBy: auth.clientId }, { status: 201 })
    },
    { requiredScopes: ['write:users'] },
  ),
)
