import type { M2MAuth } from '@m2m-guard/core'
import { issuerOf, LIVE_PROJECT_ID, NOW_S, OTHER_PROJECT_ID, PROJECT_ID } from '../support/constants.js'
import { accepted, type CorpusCase, type Expected, rejected } from './corpus-case.js'
import type { CorpusContext } from './corpus-context.js'
import { rawHeader, stytchClaims } from './token-parts.js'
import type { VariantName } from './variants.js'

/** A validly signed token whose claims are `stytchClaims(overrides)`. */
const withClaims =
  (overrides: Record<string, unknown>) =>
  (ctx: CorpusContext): string =>
    ctx.sign(rawHeader(), stytchClaims(overrides))

/** A validly signed token whose payload is the valid one with `members` appended as raw JSON text (so they win). */
const withRawMembers =
  (members: string) =>
  (ctx: CorpusContext): string =>
    ctx.sign(rawHeader(), `${JSON.stringify(stytchClaims()).slice(0, -1)},${members}}`)

const claim = (
  name: string,
  overrides: Record<string, unknown>,
  expected: Expected,
  variant?: VariantName,
): CorpusCase => ({ name, group: 'claims', token: withClaims(overrides), expected, ...(variant ? { variant } : {}) })

const invalid = rejected('ERR_TOKEN_CLAIM_INVALID')
const expired = rejected('ERR_TOKEN_EXPIRED')
const notYetValid = rejected('ERR_TOKEN_NOT_YET_VALID')
const badIssuer = rejected('ERR_TOKEN_ISSUER')
const badAudience = rejected('ERR_TOKEN_AUDIENCE')

/** Problems if a prototype-poisoning key reached the result or polluted `Object.prototype`. */
function notPoisoned(auth: M2MAuth): string[] {
  const problems: string[] = []
  const probe: Record<string, unknown> = {}
  if (probe.admin !== undefined || probe.polluted !== undefined) problems.push('Object.prototype was polluted')
  for (const [where, value] of [
    ['claims', auth.claims],
    ['customClaims', auth.customClaims],
    ['customClaims.meta', auth.customClaims.meta],
  ] as const) {
    if (typeof value !== 'object' || value === null) continue
    if (Object.getPrototypeOf(value) !== Object.prototype) problems.push(`${where} has another prototype`)
    if (Object.hasOwn(value, '__proto__')) problems.push(`${where} has an own __proto__`)
    if (Object.hasOwn(value, 'constructor')) problems.push(`${where} has an own constructor`)
    if ((value as Record<string, unknown>).admin !== undefined) problems.push(`${where}.admin is reachable`)
  }
  return problems
}

export const CLAIMS: readonly CorpusCase[] = [
  // Required claims.
  ...(['exp', 'iat', 'sub', 'iss', 'aud'] as const).map((name) =>
    claim(`no ${name} claim`, { [name]: undefined }, invalid),
  ),
  {
    name: "the testing package's token without exp",
    group: 'claims',
    token: (ctx) => ctx.issuer.hostile.missingExp(),
    expected: invalid,
  },

  // exp, iat, nbf that are not finite numbers.
  ...([String(NOW_S + 3600), 'NaN', 'Infinity', null, true, [NOW_S + 3600], { $date: NOW_S + 3600 }] as const).map(
    (exp) => claim(`exp ${JSON.stringify(exp)}`, { exp }, invalid),
  ),
  {
    name: "the testing package's token with a numeric-string exp",
    group: 'claims',
    token: (ctx) => ctx.issuer.hostile.nonNumericExp(),
    expected: invalid,
  },
  { name: 'exp 1e400 (parses to Infinity)', group: 'claims', token: withRawMembers('"exp":1e400'), expected: invalid },
  {
    name: 'exp -1e400 (parses to -Infinity)',
    group: 'claims',
    token: withRawMembers('"exp":-1e400'),
    expected: invalid,
  },
  {
    name: 'exp NaN as a bare JSON word',
    group: 'claims',
    token: withRawMembers('"exp":NaN'),
    expected: rejected('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'exp Infinity as a bare JSON word',
    group: 'claims',
    token: withRawMembers('"exp":Infinity'),
    expected: rejected('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'exp 1e-400 (parses to 0)',
    group: 'claims',
    token: (ctx) => ctx.sign(rawHeader(), JSON.stringify(stytchClaims()).replace(/"exp":\d+/, '"exp":1e-400')),
    expected: expired,
  },
  {
    name: 'iat 1e400',
    group: 'claims',
    token: (ctx) => ctx.sign(rawHeader(), JSON.stringify(stytchClaims()).replace(/"iat":\d+/, '"iat":1e400')),
    expected: invalid,
  },
  {
    name: 'nbf 1e400',
    group: 'claims',
    token: (ctx) => ctx.sign(rawHeader(), JSON.stringify(stytchClaims()).replace(/"nbf":\d+/, '"nbf":1e400')),
    expected: invalid,
  },
  ...([String(NOW_S), null] as const).map((iat) => claim(`iat ${JSON.stringify(iat)}`, { iat }, invalid)),
  ...([String(NOW_S), null, false] as const).map((nbf) => claim(`nbf ${JSON.stringify(nbf)}`, { nbf }, invalid)),
  claim('exp -1', { exp: -1 }, expired),
  claim('exp 0', { exp: 0 }, expired),
  claim('iat negative (long past, exp still ahead)', { iat: -1, nbf: -1 }, accepted()),
  claim('exp 100 years ahead', { exp: NOW_S + 100 * 365 * 86400 }, accepted()),
  claim('exp at the end of the Date range (8.64e12 s)', { exp: 8.64e12 }, accepted()),
  // A NumericDate must also be a representable Date: `expiresAt`/`issuedAt` are Dates that callers format.
  claim('exp beyond the Date range (1e300)', { exp: 1e300 }, invalid),
  claim('iat before the Date range (-1e300)', { iat: -1e300, nbf: undefined }, invalid),
  {
    name: "the testing package's expired token",
    group: 'claims',
    token: (ctx) => ctx.issuer.hostile.expired(),
    expected: expired,
  },
  {
    name: "the testing package's not-yet-valid token",
    group: 'claims',
    token: (ctx) => ctx.issuer.hostile.notYetValid(),
    expected: notYetValid,
  },

  // Time boundaries, default tolerance (5 s).
  claim('exp = now - 5 (default tolerance)', { exp: NOW_S - 5 }, expired),
  claim('exp = now - 4 (default tolerance)', { exp: NOW_S - 4 }, accepted()),
  claim('iat = now + 5 (default tolerance)', { iat: NOW_S + 5 }, accepted()),
  claim('iat = now + 6 (default tolerance)', { iat: NOW_S + 6 }, notYetValid),
  claim('nbf = now + 5 (default tolerance)', { nbf: NOW_S + 5 }, accepted()),
  claim('nbf = now + 6 (default tolerance)', { nbf: NOW_S + 6 }, notYetValid),
  claim('iat 1 hour in the future', { iat: NOW_S + 3600, nbf: undefined, exp: NOW_S + 7200 }, notYetValid),
  // Tolerance 0.
  claim('exp = now (tolerance 0)', { exp: NOW_S }, expired, 'tolerance-0'),
  claim('exp = now + 1 (tolerance 0)', { exp: NOW_S + 1 }, accepted(), 'tolerance-0'),
  claim('exp = now + 0.5 (tolerance 0)', { exp: NOW_S + 0.5 }, accepted(), 'tolerance-0'),
  claim('exp = now - 0.5 (tolerance 0)', { exp: NOW_S - 0.5 }, expired, 'tolerance-0'),
  claim('nbf = now (tolerance 0)', { nbf: NOW_S }, accepted(), 'tolerance-0'),
  claim('nbf = now + 1 (tolerance 0)', { nbf: NOW_S + 1 }, notYetValid, 'tolerance-0'),
  claim('iat = now + 1 (tolerance 0)', { iat: NOW_S + 1 }, notYetValid, 'tolerance-0'),
  // Tolerance 30.
  claim('exp = now - 30 (tolerance 30)', { exp: NOW_S - 30 }, expired, 'tolerance-30'),
  claim('exp = now - 29 (tolerance 30)', { exp: NOW_S - 29 }, accepted(), 'tolerance-30'),
  claim('nbf = now + 30 (tolerance 30)', { nbf: NOW_S + 30 }, accepted(), 'tolerance-30'),
  claim('nbf = now + 31 (tolerance 30)', { nbf: NOW_S + 31 }, notYetValid, 'tolerance-30'),
  claim('iat = now + 30 (tolerance 30)', { iat: NOW_S + 30 }, accepted(), 'tolerance-30'),
  claim('iat = now + 31 (tolerance 30)', { iat: NOW_S + 31 }, notYetValid, 'tolerance-30'),
  // maxTokenAge on the route: now - iat >= maxTokenAge is too old.
  {
    ...claim('iat = now - 60 with maxTokenAge 60', { iat: NOW_S - 60, nbf: NOW_S - 60 }, rejected('ERR_TOKEN_TOO_OLD')),
    call: { maxTokenAge: 60 },
  },
  {
    ...claim('iat = now - 59 with maxTokenAge 60', { iat: NOW_S - 59, nbf: NOW_S - 59 }, accepted()),
    call: { maxTokenAge: 60 },
  },
  { ...claim('a fresh token with maxTokenAge 0', {}, rejected('ERR_TOKEN_TOO_OLD')), call: { maxTokenAge: 0 } },

  // Issuer: compared exactly.
  ...[
    `${issuerOf(PROJECT_ID)}/`,
    `Stytch.com/${PROJECT_ID}`,
    `STYTCH.COM/${PROJECT_ID}`,
    `https://${issuerOf(PROJECT_ID)}`,
    `http://${issuerOf(PROJECT_ID)}`,
    `https://${issuerOf(PROJECT_ID)}/`,
    `stytch.com/${PROJECT_ID.toUpperCase()}`,
    `stytch.com//${PROJECT_ID}`,
    ` ${issuerOf(PROJECT_ID)}`,
    `${issuerOf(PROJECT_ID)}\u0000`,
    `test.stytch.com/${PROJECT_ID}`,
    issuerOf(OTHER_PROJECT_ID),
    issuerOf(LIVE_PROJECT_ID),
    'https://login.example.com',
    '',
    `stytch.com/${PROJECT_ID}"\r\nSet-Cookie: session=stolen`,
  ].map((iss) => claim(`iss ${JSON.stringify(iss)}`, { iss }, badIssuer)),
  ...([[issuerOf(PROJECT_ID)], 1, null, { iss: issuerOf(PROJECT_ID) }] as const).map((iss) =>
    claim(`iss ${JSON.stringify(iss)}`, { iss }, invalid),
  ),
  {
    name: "the testing package's wrong-issuer token",
    group: 'claims',
    token: (ctx) => ctx.issuer.hostile.wrongIssuer(),
    expected: badIssuer,
  },

  // Audience: a string or an array of strings containing the project id.
  claim('aud as the project id string', { aud: PROJECT_ID }, accepted()),
  claim('aud as an array with another project first', { aud: [OTHER_PROJECT_ID, PROJECT_ID] }, accepted()),
  claim('aud as an empty array', { aud: [] }, invalid),
  claim('aud of another project (array)', { aud: [OTHER_PROJECT_ID] }, badAudience),
  claim('aud of another project (string)', { aud: OTHER_PROJECT_ID }, badAudience),
  claim('aud of the live project with the same id', { aud: [LIVE_PROJECT_ID] }, badAudience),
  claim('aud in upper case', { aud: [PROJECT_ID.toUpperCase()] }, badAudience),
  claim('aud with a trailing space', { aud: [`${PROJECT_ID} `] }, badAudience),
  claim('aud as an empty string', { aud: '' }, badAudience),
  claim('aud as the issuer', { aud: [issuerOf(PROJECT_ID)] }, badAudience),
  claim('aud as a number', { aud: 1 }, invalid),
  claim('aud null', { aud: null }, invalid),
  claim('aud as an object', { aud: { [PROJECT_ID]: true } }, invalid),
  claim('aud with the project id and a number', { aud: [PROJECT_ID, 1] }, invalid),
  claim('aud as a nested array', { aud: [[PROJECT_ID]] }, invalid),
  {
    name: "the testing package's wrong-audience token",
    group: 'claims',
    token: (ctx) => ctx.issuer.hostile.wrongAudience(),
    expected: badAudience,
  },

  // Subject and scope types.
  ...(['', 1, null, [], { id: 'x' }] as const).map((sub) => claim(`sub ${JSON.stringify(sub)}`, { sub }, invalid)),
  ...([['read:users'], 1, null, { 'read:users': true }] as const).map((scope) =>
    claim(`scope ${JSON.stringify(scope)}`, { scope }, invalid),
  ),

  // Duplicate members: the last one wins, and that is the one checked.
  {
    name: 'a duplicate exp, valid first and expired last',
    group: 'claims',
    token: withRawMembers(`"exp":${NOW_S + 3600},"exp":${NOW_S - 10}`),
    expected: expired,
  },

  // Prototype poisoning never reaches the result.
  {
    name: '__proto__ in the payload',
    group: 'claims',
    token: withRawMembers('"__proto__":{"admin":true,"polluted":1}'),
    expected: accepted(),
    inspect: notPoisoned,
  },
  {
    name: 'constructor.prototype in the payload',
    group: 'claims',
    token: withRawMembers('"constructor":{"prototype":{"admin":true}}'),
    expected: accepted(),
    inspect: notPoisoned,
  },
  {
    name: 'an escaped \\u005f_proto__ key in the payload',
    group: 'claims',
    token: withRawMembers('"\\u005f_proto__":{"admin":true}'),
    expected: accepted(),
    inspect: notPoisoned,
  },
  {
    name: '__proto__ nested in a custom claim',
    group: 'claims',
    token: withRawMembers('"meta":{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}'),
    expected: accepted(),
    inspect: notPoisoned,
  },
]
