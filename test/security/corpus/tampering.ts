import { segment } from '../support/raw-jws.js'
import { type CorpusCase, rejected } from './corpus-case.js'
import type { CorpusContext } from './corpus-context.js'
import { rawHeader, stytchClaims } from './token-parts.js'

/** The exact JSON of the valid token's header and payload (the corpus's fixed time makes them constant). */
const HEADER_JSON = JSON.stringify(rawHeader())
const PAYLOAD_JSON = JSON.stringify(stytchClaims())

/** `json` with bit 0 of byte `index` flipped (ASCII stays ASCII, so the result is still UTF-8). */
function flipped(json: string, index: number): string {
  const bytes = Buffer.from(json, 'utf8')
  bytes[index] = (bytes[index] as number) ^ 0x01
  return bytes.toString('utf8')
}

const describeByte = (json: string, index: number): string =>
  `${JSON.stringify(json[index])} → ${JSON.stringify(flipped(json, index)[index])}`

/** Keeps the valid token's signature and replaces one segment. */
function tampered(ctx: CorpusContext, which: 'header' | 'payload', json: string): string {
  const [header, payload, signature] = ctx.valid().split('.') as [string, string, string]
  return which === 'header' ? `${segment(json)}.${payload}.${signature}` : `${header}.${segment(json)}.${signature}`
}

/**
 * One case per byte of the header and of the payload, each flipped in a token that keeps its original signature.
 * A payload change can only fail the signature (the payload is not read before); a header change may fail earlier,
 * at whichever check the new header breaks first.
 */
export const TAMPERING: readonly CorpusCase[] = [
  ...Array.from(
    HEADER_JSON,
    (_char, index): CorpusCase => ({
      name: `header byte ${index} altered (${describeByte(HEADER_JSON, index)})`,
      group: 'algorithms',
      token: (ctx) => tampered(ctx, 'header', flipped(HEADER_JSON, index)),
      expected: rejected([
        'ERR_TOKEN_MALFORMED',
        'ERR_TOKEN_ALGORITHM',
        'ERR_TOKEN_HEADER',
        'ERR_TOKEN_KEY_NOT_FOUND',
        'ERR_TOKEN_SIGNATURE',
      ]),
    }),
  ),
  ...Array.from(
    PAYLOAD_JSON,
    (_char, index): CorpusCase => ({
      name: `payload byte ${index} altered (${describeByte(PAYLOAD_JSON, index)})`,
      group: 'algorithms',
      token: (ctx) => tampered(ctx, 'payload', flipped(PAYLOAD_JSON, index)),
      expected: rejected('ERR_TOKEN_SIGNATURE'),
    }),
  ),
]
