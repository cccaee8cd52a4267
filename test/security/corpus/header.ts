import { RAW_KID } from '../support/constants.js'
import { accepted, type CorpusCase, rejected, rejectedUnread } from './corpus-case.js'
import type { CorpusContext } from './corpus-context.js'
import { rawHeader, stytchClaims } from './token-parts.js'

/** A token otherwise valid (signed by the published raw key) with extra or replaced header members. */
const validWithHeader = (ctx: CorpusContext, header: Record<string, unknown>): string =>
  ctx.sign(rawHeader(header), stytchClaims())

/** Signed by the attacker's key (served at the attacker's URL), under a kid only the attacker publishes. */
const attackerSigned = (ctx: CorpusContext, header: Record<string, unknown>): string =>
  ctx.sign(rawHeader({ kid: 'attacker', ...header }), stytchClaims(), { key: ctx.keys.foreign })

const FAKE_CERT = Buffer.alloc(512, 0x30).toString('base64')

/** kid values an implementation might feed to a file path, a query, a template or an object lookup. */
const HOSTILE_KIDS: readonly string[] = [
  '../../../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '/dev/null',
  'file:///etc/passwd',
  "' OR '1'='1",
  '"; DROP TABLE keys; --',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell payload, meant literally.
  '${jndi:ldap://127.0.0.1:1/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '%2e%2e%2f%2e%2e%2f',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '*',
  `${RAW_KID}\u0000`,
  `${RAW_KID} `,
  RAW_KID.toUpperCase(),
  'a"b\\c\r\nX-Injected: 1',
  'k'.repeat(256),
]

export const HEADER: readonly CorpusCase[] = [
  // Keys named by the token itself: never fetched, never used (RFC 8725 §3.10).
  {
    name: 'a jku to the attacker, signed by the key it serves',
    group: 'header',
    token: (ctx) => attackerSigned(ctx, { jku: `${ctx.attackerUrl}/jwks.json` }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'an x5u to the attacker, signed by its key',
    group: 'header',
    token: (ctx) => attackerSigned(ctx, { x5u: `${ctx.attackerUrl}/cert.pem` }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: "an embedded jwk of the attacker's key, signed by it",
    group: 'header',
    token: (ctx) => attackerSigned(ctx, { jwk: ctx.keys.foreignPublicJwk }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'an x5c chain, signed by the attacker',
    group: 'header',
    token: (ctx) => attackerSigned(ctx, { x5c: [FAKE_CERT] }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'a jku to the attacker on an otherwise valid token',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { jku: `${ctx.attackerUrl}/jwks.json` }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'an x5u to the attacker on an otherwise valid token',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { x5u: `${ctx.attackerUrl}/cert.pem` }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'the published key embedded as jwk on an otherwise valid token',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { jwk: ctx.rawPublicJwk }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'an x5c chain on an otherwise valid token',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { x5c: [FAKE_CERT] }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'an empty jku on an otherwise valid token',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { jku: '' }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'a null jwk on an otherwise valid token',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { jwk: null }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: "the testing package's jku token",
    group: 'header',
    token: (ctx) => ctx.issuer.hostile.jkuHeader({ url: `${ctx.attackerUrl}/testing-jku` }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: "the testing package's jwk token",
    group: 'header',
    token: (ctx) => ctx.issuer.hostile.jwkHeader(),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },

  // kid that is not a usable string.
  ...([undefined, null, 123, true, [RAW_KID], { kid: RAW_KID }, ''] as const).map(
    (kid): CorpusCase => ({
      name: `kid ${kid === undefined ? 'missing' : JSON.stringify(kid)} on an otherwise valid token`,
      group: 'header',
      token: (ctx) => validWithHeader(ctx, { kid }),
      expected: rejectedUnread('ERR_TOKEN_HEADER'),
    }),
  ),
  {
    name: 'a kid of 257 characters',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { kid: 'k'.repeat(257) }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'a kid supplied only through __proto__',
    group: 'header',
    token: (ctx) => ctx.sign(`{"__proto__":{"kid":"${RAW_KID}"},"alg":"RS256","typ":"JWT"}`, stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },

  // kid strings that are merely unknown: one lookup, no other effect.
  ...HOSTILE_KIDS.map(
    (kid): CorpusCase => ({
      name: `kid ${JSON.stringify(kid.length > 60 ? `${kid.slice(0, 20)}…(${kid.length})` : kid)}`,
      group: 'header',
      token: (ctx) => validWithHeader(ctx, { kid }),
      expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
    }),
  ),
  {
    name: "the testing package's unknown-kid token",
    group: 'header',
    token: (ctx) => ctx.issuer.hostile.unknownKid(),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },

  // crit and b64: no extension is understood.
  ...(
    [
      [['exp'], { exp: 1 }],
      [['b64'], { b64: true }],
      [[], {}],
      [['x-unknown'], { 'x-unknown': 1 }],
      ['b64', { b64: true }],
    ] as const
  ).map(
    ([crit, extension]): CorpusCase => ({
      name: `crit ${JSON.stringify(crit)} on an otherwise valid token`,
      group: 'header',
      token: (ctx) => validWithHeader(ctx, { crit, ...extension }),
      expected: rejectedUnread('ERR_TOKEN_HEADER'),
    }),
  ),
  {
    name: 'b64 true without crit',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { b64: true }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },
  {
    name: 'b64 false without crit',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { b64: false }),
    expected: rejectedUnread('ERR_TOKEN_HEADER'),
  },

  // typ.
  ...([undefined, null, 'at+jwt', 'application/at+jwt', 'JWS', 'JWT ', 'J WT', 'jwt+json', 1, ['JWT']] as const).map(
    (typ): CorpusCase => ({
      name: `typ ${typ === undefined ? 'missing' : JSON.stringify(typ)}`,
      group: 'header',
      token: (ctx) => validWithHeader(ctx, { typ }),
      expected: rejectedUnread('ERR_TOKEN_HEADER'),
    }),
  ),
  ...(['jwt', 'Jwt', 'application/jwt', 'APPLICATION/JWT'] as const).map(
    (typ): CorpusCase => ({
      name: `typ ${JSON.stringify(typ)} (media types are case-insensitive, RFC 7515 §4.1.9)`,
      group: 'header',
      token: (ctx) => validWithHeader(ctx, { typ }),
      expected: accepted(),
    }),
  ),

  // Duplicate members: the last one wins (RFC 7515 §4 allows exactly that), consistently with what is checked.
  {
    name: 'a duplicate alg, none first and RS256 last',
    group: 'header',
    token: (ctx) => ctx.sign(`{"alg":"none","alg":"RS256","kid":"${RAW_KID}","typ":"JWT"}`, stytchClaims()),
    expected: accepted(),
  },
  {
    name: 'a duplicate alg, RS256 first and none last',
    group: 'header',
    token: (ctx) => ctx.sign(`{"alg":"RS256","alg":"none","kid":"${RAW_KID}","typ":"JWT"}`, stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_ALGORITHM'),
  },
  {
    name: 'a duplicate kid, unknown last',
    group: 'header',
    token: (ctx) => ctx.sign(`{"alg":"RS256","kid":"${RAW_KID}","kid":"other","typ":"JWT"}`, stytchClaims()),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },

  // Members that change nothing.
  {
    name: 'alg none hidden in __proto__',
    group: 'header',
    token: (ctx) =>
      ctx.sign(`{"__proto__":{"alg":"none"},"alg":"RS256","kid":"${RAW_KID}","typ":"JWT"}`, stytchClaims()),
    expected: accepted(),
  },
  {
    name: 'zip DEF on a JWS (never inflated)',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { zip: 'DEF' }),
    expected: accepted(),
  },
  {
    name: 'unknown extra header members',
    group: 'header',
    token: (ctx) => validWithHeader(ctx, { cty: 'JWT', 'x-custom': { a: [1] } }),
    expected: accepted(),
  },
]
