import { RAW_KID } from '../support/constants.js'
import { b64url, segment, signSegments } from '../support/raw-jws.js'
import { accepted, badRequest, type CorpusCase, rejected, rejectedUnread } from './corpus-case.js'
import type { CorpusContext } from './corpus-context.js'
import { rawHeader, stytchClaims } from './token-parts.js'

/** The three segments of a valid token. */
function parts(ctx: CorpusContext): [string, string, string] {
  return ctx.valid().split('.') as [string, string, string]
}

/** Signs raw segments with the raw key: the signature is valid for exactly these characters. */
const signRaw = (ctx: CorpusContext, header: string, payload: string): string =>
  signSegments(header, payload, ctx.keys.raw)

const filler = (length: number, byte: number): string => b64url(Buffer.alloc(length, byte))

/** A JWE in compact serialization (RFC 7516 §7.1): five parts. Never decrypted, never inflated. */
function jwe(header: Record<string, unknown>): string {
  return [segment(header), filler(256, 1), filler(12, 2), filler(64, 3), filler(16, 4)].join('.')
}

/** A valid token of exactly `length` characters, padded with a custom claim (and header whitespace to hit it). */
function tokenOfLength(ctx: CorpusContext, length: number): string {
  for (let spaces = 0; spaces < 4; spaces++) {
    const header = `${JSON.stringify(rawHeader()).slice(0, -1)}${' '.repeat(spaces)}}`
    const fixed = segment(header).length + 2 + 342
    const base = JSON.stringify(stytchClaims({ padding: '' })).length
    for (let size = Math.max(0, Math.floor(((length - fixed) * 3) / 4) - base - 8); size < length; size++) {
      const payload = JSON.stringify(stytchClaims({ padding: 'x'.repeat(size) }))
      const total = fixed + segment(payload).length
      if (total === length) return signRaw(ctx, segment(header), segment(payload))
      if (total > length) break
    }
  }
  throw new Error(`no token of length ${length}`)
}

/** Signs a payload given as raw bytes (so it may be invalid UTF-8). */
const signedPayloadBytes = (ctx: CorpusContext, bytes: Uint8Array): string =>
  signRaw(ctx, segment(rawHeader()), b64url(bytes))

/** A header given as raw bytes, with the payload and signature of a valid token. */
const headerBytes = (ctx: CorpusContext, bytes: Uint8Array): string => signRaw(ctx, b64url(bytes), parts(ctx)[1])

const jsonBytes = (prefix: number[], json: string, suffix: number[] = []): Uint8Array =>
  Uint8Array.from([...prefix, ...Buffer.from(json, 'utf8'), ...suffix])

/** The UTF-8 bytes of `json` with raw `bytes` inserted right after the first occurrence of `after`. */
function spliceBytes(json: string, after: string, bytes: number[]): Uint8Array {
  const at = json.indexOf(after) + after.length
  return jsonBytes([], json.slice(0, at), [...bytes, ...Buffer.from(json.slice(at), 'utf8')])
}

/** A header segment of 4n+1 characters (no byte string encodes to that), signed as it is. */
function headerOfLength4nPlus1(ctx: CorpusContext): string {
  const [header, payload] = parts(ctx)
  const extra = (((1 - header.length) % 4) + 4) % 4 || 4
  return signRaw(ctx, `${header}${'A'.repeat(extra)}`, payload)
}

const VALID_HEADER_JSON = JSON.stringify(rawHeader())
const VALID_PAYLOAD_JSON = JSON.stringify(stytchClaims())

/** Replaces the characters of base64url with those of standard base64, keeping the signature valid for them. */
const standardBase64 = (text: string): string => text.replaceAll('-', '+').replaceAll('_', '/')

/** A header segment that contains both base64url-only characters (- and _), so that the standard-alphabet cases differ. */
const HEADER_WITH_DASH = rawHeader({ x: '\u00fb\u00ff\u00fe>>>???' })

export const STRUCTURE: readonly CorpusCase[] = [
  // Segment counts and empty parts.
  { name: 'an empty token', group: 'structure', token: () => '', expected: badRequest() },
  {
    name: 'a single segment',
    group: 'structure',
    token: (ctx) => parts(ctx)[0],
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'two segments (no signature part)',
    group: 'structure',
    token: (ctx) => parts(ctx).slice(0, 2).join('.'),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'four segments',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}.${parts(ctx)[2]}`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'six segments',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}.${ctx.valid()}`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  { name: 'a lone dot', group: 'structure', token: () => '.', expected: rejectedUnread('ERR_TOKEN_MALFORMED') },
  {
    name: 'two dots and nothing else',
    group: 'structure',
    token: () => '..',
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'an empty header segment',
    group: 'structure',
    token: (ctx) => `.${parts(ctx)[1]}.${parts(ctx)[2]}`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'an empty payload segment',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}..${parts(ctx)[2]}`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  // An empty signature passes the shape check (so that alg none is refused for its algorithm) and never verifies.
  {
    name: 'an empty signature segment',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}.${parts(ctx)[1]}.`,
    expected: rejected('ERR_TOKEN_SIGNATURE'),
  },
  {
    name: 'a trailing dot after the signature',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}.`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a leading dot',
    group: 'structure',
    token: (ctx) => `.${ctx.valid()}`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },

  // JWE (five parts) is never processed: no decryption, no `zip` inflation, no PBES2 iterations.
  {
    name: 'a JWE with RSA-OAEP-256 and zip DEF',
    group: 'structure',
    token: () => jwe({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF', kid: RAW_KID }),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a JWE with PBES2 and 2^31-1 iterations',
    group: 'structure',
    token: () => jwe({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', p2c: 2147483647, p2s: b64url('saltsaltsaltsalt') }),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a JWE with dir and zip DEF',
    group: 'structure',
    token: () => jwe({ alg: 'dir', enc: 'A128CBC-HS256', zip: 'DEF' }),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a JWE header squeezed into three parts (zip DEF)',
    group: 'structure',
    token: (ctx) => ctx.sign({ alg: 'RSA-OAEP-256', enc: 'A256GCM', zip: 'DEF', kid: RAW_KID }, stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_ALGORITHM'),
  },
  {
    name: 'a PBES2 JWE header squeezed into three parts',
    group: 'structure',
    token: (ctx) =>
      ctx.sign(
        { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 2147483647, p2s: 'AAAA', kid: RAW_KID },
        stytchClaims(),
      ),
    expected: rejectedUnread('ERR_TOKEN_ALGORITHM'),
  },

  // JSON serializations (RFC 7515 §7.2) are not compact JWS.
  {
    name: 'a flattened JSON-serialized JWS',
    group: 'structure',
    token: (ctx) => {
      const [protectedHeader, payload, signature] = parts(ctx)
      return JSON.stringify({ protected: protectedHeader, payload, signature })
    },
    expected: badRequest(),
  },
  {
    name: 'a general JSON-serialized JWS',
    group: 'structure',
    token: (ctx) => {
      const [protectedHeader, payload, signature] = parts(ctx)
      return JSON.stringify({ payload, signatures: [{ protected: protectedHeader, signature }] })
    },
    expected: badRequest(),
  },
  {
    name: 'a base64url-encoded flattened JSON JWS',
    group: 'structure',
    token: (ctx) => {
      const [protectedHeader, payload, signature] = parts(ctx)
      return b64url(JSON.stringify({ protected: protectedHeader, payload, signature }))
    },
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },

  // Characters outside base64url.
  {
    name: 'standard base64 characters (+ and /) signed as they are',
    group: 'structure',
    token: (ctx) => signRaw(ctx, standardBase64(segment(HEADER_WITH_DASH)), segment(stytchClaims())),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a tilde in the header (b64token allows it, base64url does not)',
    group: 'structure',
    token: (ctx) => signRaw(ctx, `~${parts(ctx)[0]}`, parts(ctx)[1]),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a percent-encoded character',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}%2E${parts(ctx)[1]}.${parts(ctx)[2]}`,
    expected: badRequest(),
  },
  {
    name: 'an asterisk in the payload',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}.*${parts(ctx)[1]}.${parts(ctx)[2]}`,
    expected: badRequest(),
  },
  {
    name: 'a double quote in the signature',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}"`,
    expected: badRequest(),
  },
  {
    name: 'a Latin-1 letter in the header',
    group: 'structure',
    token: (ctx) => `\u00e9${ctx.valid()}`,
    expected: badRequest(),
  },
  {
    name: 'a NUL character',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}\u0000.${parts(ctx)[1]}.${parts(ctx)[2]}`,
    expected: badRequest(),
    coreOnly: "Node's HTTP client refuses control characters in header values",
  },
  {
    name: 'a non-Latin-1 character',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}\u2603`,
    expected: badRequest(),
    coreOnly: "Node's HTTP client refuses characters above U+00FF in header values",
  },

  // Padding.
  {
    name: 'padding on the signature',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}==`,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'padding on the header, signed as it is',
    group: 'structure',
    token: (ctx) => signRaw(ctx, `${parts(ctx)[0]}=`, parts(ctx)[1]),
    expected: badRequest(),
  },
  {
    name: 'padding on the payload, signed as it is',
    group: 'structure',
    token: (ctx) => signRaw(ctx, parts(ctx)[0], `${parts(ctx)[1]}==`),
    expected: badRequest(),
  },
  {
    name: 'a header of 4n+1 base64url characters',
    group: 'structure',
    token: headerOfLength4nPlus1,
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },

  // Whitespace.
  {
    name: 'a valid token after two spaces (RFC 6750 allows 1*SP)',
    group: 'structure',
    token: (ctx) => ` ${ctx.valid()}`,
    expected: accepted(),
  },
  {
    name: 'a valid token followed by a space (optional whitespace of the field)',
    group: 'structure',
    token: (ctx) => `${ctx.valid()} `,
    expected: accepted(),
  },
  {
    name: 'a valid token followed by a tab',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}\t`,
    expected: accepted(),
  },
  {
    name: 'a space inside the token',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}. ${parts(ctx)[1]}.${parts(ctx)[2]}`,
    expected: badRequest(),
  },
  {
    name: 'a tab inside the token',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}.${parts(ctx)[1]}\t.${parts(ctx)[2]}`,
    expected: badRequest(),
  },
  { name: 'a tab before the token', group: 'structure', token: (ctx) => `\t${ctx.valid()}`, expected: badRequest() },
  {
    name: 'a line feed inside the token',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}.\n${parts(ctx)[1]}.${parts(ctx)[2]}`,
    expected: badRequest(),
    coreOnly: "Node's HTTP client refuses line breaks in header values",
  },
  {
    name: 'CR LF and a second header line inside the token',
    group: 'structure',
    token: (ctx) => `${ctx.valid()}\r\nX-Injected: 1`,
    expected: badRequest(),
    coreOnly: "Node's HTTP client refuses line breaks in header values",
  },
  {
    name: 'a vertical tab and form feed',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}\u000b.${parts(ctx)[1]}\u000c.${parts(ctx)[2]}`,
    expected: badRequest(),
    coreOnly: "Node's HTTP client refuses control characters in header values",
  },

  // Invalid UTF-8 and byte order marks.
  {
    name: 'a header with a 0xFF byte',
    group: 'structure',
    token: (ctx) => headerBytes(ctx, spliceBytes(VALID_HEADER_JSON, '"JWT', [0xff])),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header with an overlong encoding of "/"',
    group: 'structure',
    token: (ctx) => headerBytes(ctx, spliceBytes(VALID_HEADER_JSON, '"JWT', [0xc0, 0xaf])),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header with an encoded lone surrogate',
    group: 'structure',
    token: (ctx) => headerBytes(ctx, spliceBytes(VALID_HEADER_JSON, '"JWT', [0xed, 0xa0, 0x80])),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header with a truncated multi-byte sequence',
    group: 'structure',
    token: (ctx) => headerBytes(ctx, spliceBytes(VALID_HEADER_JSON, '"JWT', [0xe2, 0x82])),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header starting with a byte order mark',
    group: 'structure',
    token: (ctx) => headerBytes(ctx, jsonBytes([0xef, 0xbb, 0xbf], VALID_HEADER_JSON)),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a validly signed payload with a 0xFE byte',
    group: 'structure',
    token: (ctx) => signedPayloadBytes(ctx, jsonBytes([], VALID_PAYLOAD_JSON, [0x20, 0xfe])),
    expected: rejected('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a validly signed payload with an encoded lone surrogate',
    group: 'structure',
    token: (ctx) => signedPayloadBytes(ctx, spliceBytes(VALID_PAYLOAD_JSON, '"sub":"', [0xed, 0xb0, 0x80])),
    expected: rejected('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a validly signed payload starting with a byte order mark',
    group: 'structure',
    token: (ctx) => signedPayloadBytes(ctx, jsonBytes([0xef, 0xbb, 0xbf], VALID_PAYLOAD_JSON)),
    expected: rejected('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a JSON-escaped lone surrogate in kid (valid JSON, unknown key)',
    group: 'structure',
    token: (ctx) => ctx.sign(VALID_HEADER_JSON.replace(RAW_KID, `${RAW_KID}\\ud800`), stytchClaims()),
    expected: rejected('ERR_TOKEN_KEY_NOT_FOUND'),
  },

  // Header and payload that are not JSON objects.
  ...(['null', '[]', '"RS256"', '1', 'true', '[{"alg":"RS256"}]'] as const).map(
    (json): CorpusCase => ({
      name: `a header that is the JSON ${json}`,
      group: 'structure',
      token: (ctx) => ctx.sign(json, stytchClaims()),
      expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
    }),
  ),
  {
    name: 'a header that is an empty JSON object',
    group: 'structure',
    token: (ctx) => ctx.sign('{}', stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_ALGORITHM'),
  },
  {
    name: 'a header that is not JSON',
    group: 'structure',
    token: (ctx) => ctx.sign('alg=RS256', stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header with trailing garbage after the object',
    group: 'structure',
    token: (ctx) => ctx.sign(`${VALID_HEADER_JSON}x`, stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header of two JSON objects',
    group: 'structure',
    token: (ctx) => ctx.sign(`${VALID_HEADER_JSON}{}`, stytchClaims()),
    expected: rejectedUnread('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a header with insignificant JSON whitespace',
    group: 'structure',
    token: (ctx) => ctx.sign(` \n${JSON.stringify(rawHeader(), null, 2)}\t `, stytchClaims()),
    expected: accepted(),
  },
  ...(['null', '[]', '"claims"', '1800000000', 'false', 'not json', '{"sub":"a"', ''] as const).map(
    (json): CorpusCase => ({
      name: `a validly signed payload that is ${json === '' ? 'empty' : `the text ${json}`}`,
      group: 'structure',
      token: (ctx) => (json === '' ? signRaw(ctx, parts(ctx)[0], '') : ctx.sign(rawHeader(), json)),
      expected: json === '' ? rejectedUnread('ERR_TOKEN_MALFORMED') : rejected('ERR_TOKEN_MALFORMED'),
    }),
  ),
  {
    name: 'a validly signed payload of 2500 nested arrays',
    group: 'structure',
    token: (ctx) => ctx.sign(rawHeader(), `${'['.repeat(2500)}${']'.repeat(2500)}`),
    expected: rejected('ERR_TOKEN_MALFORMED'),
  },
  {
    name: 'a valid token with a custom claim nested 2000 deep',
    group: 'structure',
    token: (ctx) =>
      ctx.sign(
        rawHeader(),
        JSON.stringify(stytchClaims()).replace(/}$/, `,"deep":${'['.repeat(2000)}${']'.repeat(2000)}}`),
      ),
    expected: accepted(),
  },

  // Size.
  {
    name: 'a valid token of exactly 8192 characters (the limit)',
    group: 'structure',
    token: (ctx) => tokenOfLength(ctx, 8192),
    expected: accepted(),
  },
  {
    name: 'a valid token of 8193 characters',
    group: 'structure',
    token: (ctx) => tokenOfLength(ctx, 8193),
    expected: rejectedUnread('ERR_TOKEN_TOO_LARGE'),
  },
  {
    name: "the testing package's oversized token (9000 characters)",
    group: 'structure',
    token: (ctx) => ctx.issuer.hostile.oversized({ size: 9000 }),
    expected: rejectedUnread('ERR_TOKEN_TOO_LARGE'),
  },
  {
    name: 'a 1 MiB token',
    group: 'structure',
    token: (ctx) => `${parts(ctx)[0]}.${'A'.repeat(1 << 20)}.${parts(ctx)[2]}`,
    expected: rejectedUnread('ERR_TOKEN_TOO_LARGE'),
    coreOnly: 'Node servers refuse headers over 16 KiB (431) before any adapter runs',
  },
  {
    name: 'a 1 MiB run of dots',
    group: 'structure',
    token: () => '.'.repeat(1 << 20),
    expected: rejectedUnread('ERR_TOKEN_TOO_LARGE'),
    coreOnly: 'Node servers refuse headers over 16 KiB (431) before any adapter runs',
  },
]
