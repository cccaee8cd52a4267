import { m2m, onFirstRequest } from '../../../lib/m2m'

// GET /api/whoami: a token is optional (`required: false`); without one `auth` is null. An invalid token is still
// refused (401), never taken for an anonymous call.
export const GET = onFirstRequest(() =>
  m2m().withM2M(
    (_request, auth) =>
      Response.json(auth ? { anonymous: false, clientId: auth.clientId, scopes: auth.scopes } : { anonymous: true }),
    { required: false },
  ),
)
