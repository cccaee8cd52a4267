import type { M2MAuth } from '../verify/m2m-auth.js'
import { PrefilteredMap } from './prefiltered-map.js'
import type { NormalRule } from './revocation-rule.js'
import { tokenSha256 } from './token-hash.js'

/** Rules of one client or subject: every rule's id, and the latest cut-off among them (what a check needs). */
interface TimeBucket {
  readonly rules: Map<string, { readonly clientId: string | undefined; readonly issuedBefore: number }>
  latest: number
}

interface Stored {
  readonly rule: NormalRule
  readonly expiresAt: number
}

/**
 * Hashes are memoized per result object: a cached token's result is the same object on every hit, so the hash is
 * computed once per token, not once per request.
 */
const hashes = new WeakMap<M2MAuth, string>()

function hashOf(auth: M2MAuth, token: string): string {
  let hash = hashes.get(auth)
  if (hash === undefined) {
    hash = tokenSha256(token)
    hashes.set(auth, hash)
  }
  return hash
}

/**
 * The last four characters of a token (or of a rule's tail) as one small integer: a pre-filter key read without
 * allocating a string on the hot path. Four base64url characters carry 24 bits, so an unrelated token passes the
 * filter about once in 16 million per listed tail, and then only costs a hash.
 */
function tailKey(text: string): number {
  const end = text.length
  return (
    (text.charCodeAt(end - 4) << 21) |
    (text.charCodeAt(end - 3) << 14) |
    (text.charCodeAt(end - 2) << 7) |
    text.charCodeAt(end - 1)
  )
}

function addTo(buckets: PrefilteredMap<TimeBucket>, key: string, id: string, clientId: string | undefined, at: number) {
  let bucket = buckets.get(key)
  if (bucket === undefined) {
    bucket = { rules: new Map(), latest: Number.NEGATIVE_INFINITY }
    buckets.set(key, bucket)
  }
  bucket.rules.set(id, { clientId, issuedBefore: at })
  if (at > bucket.latest) bucket.latest = at
}

function removeFrom(buckets: PrefilteredMap<TimeBucket>, key: string, id: string): void {
  const bucket = buckets.get(key)
  if (bucket === undefined || !bucket.rules.delete(id)) return
  if (bucket.rules.size === 0) {
    buckets.delete(key)
    return
  }
  bucket.latest = Math.max(...[...bucket.rules.values()].map((r) => r.issuedBefore))
}

/**
 * The active rules, indexed so a check costs a few `Map` lookups whatever their number: by client id, by subject, by
 * `jti` and by token hash. A lookup is skipped entirely while its map is empty.
 */
export class RevocationIndex {
  readonly #rules = new Map<string, Stored>()
  // Pre-filtered: a token seen for the first time is looked up by claims the engine has never hashed, and most are
  // in no rule (see prefiltered-map.ts).
  readonly #clients = new PrefilteredMap<TimeBucket>()
  readonly #subjects = new PrefilteredMap<TimeBucket>()
  readonly #jtis = new PrefilteredMap<Set<string>>()
  readonly #hashes = new PrefilteredMap<Set<string>>()
  /**
   * Tails (last 12 characters) of the tokens revoked by hash, with how many rules have each, and the number of hash
   * rules without a tail: a token is hashed only when its tail is listed or some rule has none. Hashing every
   * first-seen token would cost about 2 µs, a few percent of a signature verification.
   */
  readonly #tails = new Map<number, number>()
  #untailed = 0
  /**
   * Bumped whenever a rule is added. A result found not revoked is remembered with the version it was checked at: a
   * cached token's result is the same object on every hit, so until a rule is added its next check is one `WeakMap`
   * lookup instead of several lookups in maps of thousands of rules. Removing rules cannot revoke anything, so only
   * additions bump it.
   */
  #version = 0
  #clean = new WeakMap<M2MAuth, number>()
  /** Earliest expiry among the rules, so pruning runs only when something can be pruned. */
  #nextExpiry = Number.POSITIVE_INFINITY

  /** Number of rules. */
  get size(): number {
    return this.#rules.size
  }

  /**
   * Whether a rule covers the token.
   *
   * @param auth - The verified result.
   * @param token - The token string.
   * @param cached - Whether `auth` is a token-cache hit: only those are remembered clean. A result verified just now
   *   may never be seen again (the cache may be off or full), and a `WeakMap` entry per first-seen token cost about
   *   a third of a microsecond plus the garbage collector's ephemeron work; the first hit remembers it instead.
   * @returns `true` when revoked.
   */
  check(auth: M2MAuth, token: string, cached: boolean): boolean {
    if (this.#rules.size === 0) return false
    if (!cached) return this.#covers(auth, token)
    if (this.#clean.get(auth) === this.#version) return false
    if (this.#covers(auth, token)) return true
    this.#clean.set(auth, this.#version)
    return false
  }

  #covers(auth: M2MAuth, token: string): boolean {
    const claims = auth.claims
    const iat = claims.iat as number
    if (this.#clients.size > 0) {
      const bucket = this.#clients.get(auth.clientId)
      if (bucket !== undefined && iat <= bucket.latest) return true
    }
    if (auth.kind === 'connected-app' && this.#subjects.size > 0) {
      const bucket = this.#subjects.get(auth.subject)
      if (bucket !== undefined && iat <= bucket.latest) {
        for (const rule of bucket.rules.values()) {
          if (iat <= rule.issuedBefore && (rule.clientId === undefined || rule.clientId === auth.clientId)) return true
        }
      }
    }
    if (this.#jtis.size > 0) {
      const jti = claims.jti
      if (typeof jti === 'string' && this.#jtis.has(jti)) return true
    }
    if (this.#hashes.size === 0) return false
    if (this.#untailed === 0 && !this.#tails.has(tailKey(token))) return false
    return this.#hashes.has(hashOf(auth, token))
  }

  /**
   * Adds or replaces a rule.
   *
   * @param id - Its id.
   * @param rule - The checked rule.
   * @param expiresAt - Unix seconds after which it is dropped.
   */
  set(id: string, rule: NormalRule, expiresAt: number): void {
    this.delete(id)
    this.#version++
    this.#rules.set(id, { rule, expiresAt })
    if (expiresAt < this.#nextExpiry) this.#nextExpiry = expiresAt
    switch (rule.type) {
      case 'client':
        addTo(this.#clients, rule.clientId, id, undefined, rule.issuedBefore)
        break
      case 'subject':
        addTo(this.#subjects, rule.subject, id, rule.clientId, rule.issuedBefore)
        break
      case 'token': {
        const map = rule.jti === undefined ? this.#hashes : this.#jtis
        const key = (rule.jti ?? rule.sha256) as string
        const ids = map.get(key) ?? new Set<string>()
        ids.add(id)
        map.set(key, ids)
        if (rule.sha256 !== undefined) this.#countTail(rule.tail, 1)
      }
    }
  }

  /**
   * Removes a rule.
   *
   * @param id - Its id.
   * @returns Whether it was there.
   */
  delete(id: string): boolean {
    const stored = this.#rules.get(id)
    if (stored === undefined) return false
    this.#rules.delete(id)
    const { rule } = stored
    if (rule.type === 'client') removeFrom(this.#clients, rule.clientId, id)
    else if (rule.type === 'subject') removeFrom(this.#subjects, rule.subject, id)
    else {
      const map = rule.jti === undefined ? this.#hashes : this.#jtis
      const key = (rule.jti ?? rule.sha256) as string
      const ids = map.get(key)
      ids?.delete(id)
      if (ids?.size === 0) map.delete(key)
      if (rule.sha256 !== undefined) this.#countTail(rule.tail, -1)
    }
    return true
  }

  #countTail(tail: string | undefined, change: 1 | -1): void {
    if (tail === undefined) {
      this.#untailed += change
      return
    }
    const key = tailKey(tail)
    const count = (this.#tails.get(key) ?? 0) + change
    if (count === 0) this.#tails.delete(key)
    else this.#tails.set(key, count)
  }

  /** Removes every rule. */
  clear(): void {
    for (const map of [this.#rules, this.#clients, this.#subjects, this.#jtis, this.#hashes, this.#tails]) map.clear()
    this.#untailed = 0
    this.#nextExpiry = Number.POSITIVE_INFINITY
  }

  /**
   * Drops the rules that expired.
   *
   * @param now - Unix seconds.
   * @returns How many were dropped.
   */
  prune(now: number): number {
    if (now < this.#nextExpiry) return 0
    let removed = 0
    let next = Number.POSITIVE_INFINITY
    for (const [id, stored] of this.#rules) {
      if (stored.expiresAt <= now) {
        this.delete(id)
        removed++
      } else if (stored.expiresAt < next) next = stored.expiresAt
    }
    this.#nextExpiry = next
    return removed
  }

  /**
   * Every rule.
   *
   * @returns id, rule and expiry (Unix seconds) of each.
   */
  entries(): IterableIterator<[string, Stored]> {
    return this.#rules.entries()
  }

  /**
   * One rule.
   *
   * @param id - Its id.
   * @returns The rule and its expiry, or `undefined`.
   */
  get(id: string): Stored | undefined {
    return this.#rules.get(id)
  }
}
