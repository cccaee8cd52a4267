import { createStytchVerifier, type Verifier } from '@m2m-guard/core'
import { GRANTED_SCOPE, ISSUER, PROJECT_ID, REQUIRED_SCOPE } from '../fixtures/project.js'

// Runs inside the runtime under test (Node, Bun, Deno, workerd): Fetch API and WebCrypto only, bundled by esbuild.
// Timing is done by the caller, around each request: workerd's clock does not move while code runs.

const TOKEN_COUNT = 256
const KID = 'jwk-test-runtime-bench'
const VERIFY_OPTIONS = Object.freeze({ requiredScopes: Object.freeze([REQUIRED_SCOPE]) })

/** One benchmark operation on token `index`; a promise where the runtime's API is asynchronous. */
type Op = (index: number) => unknown

interface Bench {
  readonly floorKind: string
  readonly ops: Readonly<Record<'floor' | 'minimal' | 'first-seen' | 'cached', Op>>
}

const text = new TextEncoder()

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

const utf8 = new TextDecoder()

/** The runtime's fastest base64url decoder: `Uint8Array.fromBase64`, else Node's `Buffer`, else `atob`. */
function fastBase64urlDecoder(): (value: string) => Uint8Array<ArrayBuffer> {
  const fromBase64 = (
    Uint8Array as unknown as { fromBase64?: (value: string, options: { alphabet: string }) => Uint8Array<ArrayBuffer> }
  ).fromBase64
  if (fromBase64 !== undefined) return (value) => fromBase64(value, { alphabet: 'base64url' })
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const buffers = (process?.getBuiltinModule?.('node:buffer') as { Buffer?: typeof Buffer } | undefined)?.Buffer
  if (buffers !== undefined) return (value) => buffers.from(value, 'base64url') as Uint8Array<ArrayBuffer>
  return fromBase64url
}

const encode = (value: object): string => base64url(text.encode(JSON.stringify(value)))

interface NodeCrypto {
  createPublicKey(key: { key: JsonWebKey; format: 'jwk' }): unknown
  verify(algorithm: string, data: Uint8Array, key: unknown, signature: Uint8Array): boolean
}

/** `node:crypto` where the runtime has it (Node, Bun, Deno), found as core finds it; `undefined` on workerd. */
function nodeCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  return process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
}

async function setUp(): Promise<Bench> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
  const pair = await crypto.subtle.generateKey(
    { ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )
  const jwk = { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }
  const now = Math.floor(Date.now() / 1000)
  const tokens: string[] = []
  for (let i = 0; i < TOKEN_COUNT; i++) {
    const header = encode({ alg: 'RS256', kid: KID, typ: 'JWT' })
    const sub = `m2m-client-test-${crypto.randomUUID()}`
    const payload = encode({
      aud: [PROJECT_ID],
      exp: now + 3600,
      iat: now,
      iss: ISSUER,
      nbf: now,
      scope: GRANTED_SCOPE,
      sub,
    })
    const input = `${header}.${payload}`
    const signature = new Uint8Array(await crypto.subtle.sign(algorithm, pair.privateKey, text.encode(input)))
    tokens.push(`${input}.${base64url(signature)}`)
  }
  // The floor: the signature alone, everything prepared, with the fastest API the runtime has (the one core uses).
  const prepared = tokens.map((token) => {
    const dot = token.lastIndexOf('.')
    return {
      input: text.encode(token.slice(0, dot)) as Uint8Array<ArrayBuffer>,
      signature: fromBase64url(token.slice(dot + 1)),
    }
  })
  const node = nodeCrypto()
  let floor: Op
  let floorKind: string
  // The same signature check on bytes decoded from the token on every call.
  let check: (input: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>) => boolean | Promise<boolean>
  if (node !== undefined) {
    const key = node.createPublicKey({ key: jwk, format: 'jwk' })
    check = (input, signature) => node.verify('sha256', input, key, signature)
    floor = (i) => {
      const { input, signature } = prepared[i % TOKEN_COUNT] as (typeof prepared)[number]
      if (!node.verify('sha256', input, key, signature)) throw new Error('signature rejected')
    }
    floorKind = '`node:crypto` `verify()`'
  } else {
    const key = pair.publicKey
    check = (input, signature) => crypto.subtle.verify(algorithm, key, signature, input)
    floor = async (i) => {
      const { input, signature } = prepared[i % TOKEN_COUNT] as (typeof prepared)[number]
      if (!(await crypto.subtle.verify(algorithm, key, signature, input))) throw new Error('signature rejected')
    }
    floorKind = 'WebCrypto `crypto.subtle.verify()`'
  }
  const fastDecode = fastBase64urlDecoder()
  // A reference, not a library: what cannot be skipped (split, decode, verify, parse the payload, freeze), without
  // any header, claim, time, kind or scope check, strict decoding or cache, decoded with the runtime's native
  // base64url. Core decodes in JavaScript instead (on a CPU with AVX-512 the native decoders slow the RSA check that
  // follows), so it can come out ahead of this reference.
  const minimal: Op = async (i) => {
    const token = tokens[i % TOKEN_COUNT] as string
    const first = token.indexOf('.')
    const second = token.indexOf('.', first + 1)
    const input = text.encode(token.slice(0, second)) as Uint8Array<ArrayBuffer>
    if (!(await check(input, fastDecode(token.slice(second + 1))))) throw new Error('signature rejected')
    const claims = JSON.parse(utf8.decode(fastDecode(token.slice(first + 1, second)))) as object
    return Object.freeze({ claims: Object.freeze(claims), token })
  }
  // Keys seeded through `jwks.initial`, as a cold start from KV would: no fetch, nothing on the network.
  const seeded = { initial: { keys: [jwk] } }
  const firstSeen: Verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks: seeded, tokenCache: false })
  const cached: Verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks: seeded })
  const verifyWith =
    (verifier: Verifier): Op =>
    (i) =>
      verifier.verify(tokens[i % TOKEN_COUNT] as string, VERIFY_OPTIONS)
  return { floorKind, ops: { floor, minimal, 'first-seen': verifyWith(firstSeen), cached: verifyWith(cached) } }
}

/**
 * The bench's Fetch handler: `GET /info` names the floor; `GET /run?case=<id>&n=<count>` runs `count` operations
 * one after another (awaiting each where the runtime's API is asynchronous) and answers when done.
 *
 * @returns The handler; it sets up keys and tokens on its first request.
 */
export function createBenchApp(): (request: Request) => Promise<Response> {
  let bench: Promise<Bench> | undefined
  return async (request) => {
    bench ??= setUp()
    const { floorKind, ops } = await bench
    const url = new URL(request.url)
    if (url.pathname === '/info') return Response.json({ floorKind })
    const op = ops[url.searchParams.get('case') as keyof Bench['ops']]
    const n = Number(url.searchParams.get('n') ?? '0')
    if (op === undefined || !Number.isInteger(n) || n < 0) return new Response('bad request', { status: 400 })
    for (let i = 0; i < n; i++) {
      const result = op(i)
      if (result instanceof Promise) await result
    }
    return Response.json({ ran: n })
  }
}
