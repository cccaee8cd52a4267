import { issuerOf, LIVE_PROJECT_ID, NOW_S, PROJECT_ID } from '../support/constants.js'
import { accepted, type CorpusCase, rejected } from './corpus-case.js'
import type { CorpusContext } from './corpus-context.js'
import { rawHeader, stytchClaims } from './token-parts.js'

/** The claim Stytch session JWTs carry (see stytch-node's authenticateSessionJwtLocal). */
const SESSION_CLAIM = {
  id: 'session-test-5ec0a11e-0000-4000-8000-000000000001',
  started_at: new Date(NOW_S * 1000).toISOString(),
  last_accessed_at: new Date(NOW_S * 1000).toISOString(),
  expires_at: new Date((NOW_S + 3600) * 1000).toISOString(),
  attributes: { ip_address: '', user_agent: '' },
  authentication_factors: [],
}

const sessionLike = (claims: Record<string, unknown>) => (ctx: CorpusContext) =>
  ctx.sign(rawHeader(), stytchClaims(claims))

/** A header naming the live project's current key. */
const liveHeader = (ctx: CorpusContext): Record<string, unknown> => ({
  alg: 'RS256',
  kid: ctx.live.currentKid,
  typ: 'JWT',
})

export const STYTCH: readonly CorpusCase[] = [
  // Controls: tokens exactly as Stytch issues them pass.
  {
    name: 'a token exactly as the test project issues it',
    group: 'stytch',
    token: (ctx) => ctx.issuer.mint({ scopes: ['read:users'] }),
    expected: accepted(),
  },
  {
    name: 'a token exactly as the live project issues it',
    group: 'stytch',
    variant: 'live',
    token: (ctx) => ctx.live.mint({ scopes: ['read:users'] }),
    expected: accepted(),
  },

  // Session JWTs of the same project: same keys, same issuer, wrong kind of token.
  {
    name: "the testing package's session JWT",
    group: 'stytch',
    token: (ctx) => ctx.issuer.hostile.sessionJwt(),
    expected: rejected('ERR_TOKEN_TYPE'),
  },
  {
    name: 'a session JWT that also carries a scope',
    group: 'stytch',
    token: sessionLike({ 'https://stytch.com/session': SESSION_CLAIM }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },
  {
    name: 'a B2B session JWT (organization claim)',
    group: 'stytch',
    token: sessionLike({ 'https://stytch.com/organization': { organization_id: 'organization-test-1', slug: 'acme' } }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },
  {
    name: 'a session claim that is null',
    group: 'stytch',
    token: sessionLike({ 'https://stytch.com/session': null }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },
  {
    name: 'a B2B session JWT with both session claims',
    group: 'stytch',
    token: sessionLike({
      'https://stytch.com/session': SESSION_CLAIM,
      'https://stytch.com/organization': { organization_id: 'organization-test-1' },
    }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },

  // Connected Apps access tokens of the same project: same keys, issuer and audience; not M2M tokens (issue 12).
  {
    name: "the testing package's Connected Apps token carrying the route's scope",
    group: 'stytch',
    token: (ctx) => ctx.issuer.hostile.connectedApp({ scopes: ['read:users'] }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },
  {
    name: 'a B2B Connected Apps token',
    group: 'stytch',
    token: (ctx) => ctx.issuer.mint({ connectedApp: { b2b: true }, scopes: ['read:users'] }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },
  {
    name: 'an M2M token whose custom claims include client_id',
    group: 'stytch',
    token: (ctx) => ctx.issuer.mint({ scopes: ['read:users'], customClaims: { client_id: 'from-a-template' } }),
    expected: rejected('ERR_TOKEN_TYPE'),
  },

  // Test-project tokens against a live-configured verifier, and the reverse.
  {
    name: 'a test-project token sent to a live verifier',
    group: 'stytch',
    variant: 'live',
    token: (ctx) => ctx.issuer.mint({ scopes: ['read:users'] }),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },
  {
    name: 'test-project claims signed by the live key',
    group: 'stytch',
    variant: 'live',
    token: (ctx) => ctx.live.forge(liveHeader(ctx), stytchClaims()),
    expected: rejected('ERR_TOKEN_ISSUER'),
  },
  {
    name: 'a live token whose aud is the test project',
    group: 'stytch',
    variant: 'live',
    token: (ctx) => ctx.live.mint({ audience: [PROJECT_ID] }),
    expected: rejected('ERR_TOKEN_AUDIENCE'),
  },
  {
    name: 'a live token whose iss is the test project',
    group: 'stytch',
    variant: 'live',
    token: (ctx) => ctx.live.mint({ issuer: issuerOf(PROJECT_ID) }),
    expected: rejected('ERR_TOKEN_ISSUER'),
  },
  {
    name: "a live-key token naming the test project's kid",
    group: 'stytch',
    variant: 'live',
    token: (ctx) =>
      ctx.live.forge({ ...liveHeader(ctx), kid: ctx.issuer.currentKid }, stytchClaims({}, LIVE_PROJECT_ID)),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },
  {
    name: 'a live token sent to the test verifier',
    group: 'stytch',
    token: (ctx) => ctx.live.mint(),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },

  // Another project of the same environment.
  {
    name: "another test project's token",
    group: 'stytch',
    token: (ctx) => ctx.other.mint(),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },
  {
    name: "another test project's key under this project's kid",
    group: 'stytch',
    token: (ctx) => ctx.other.forge({ alg: 'RS256', kid: ctx.issuer.currentKid, typ: 'JWT' }, stytchClaims()),
    expected: rejected('ERR_TOKEN_SIGNATURE'),
  },
  {
    name: 'a token requested through a custom domain that is not configured',
    group: 'stytch',
    token: (ctx) => ctx.issuer.mint({ issuer: 'https://login.example.com' }),
    expected: rejected('ERR_TOKEN_ISSUER'),
  },
]
