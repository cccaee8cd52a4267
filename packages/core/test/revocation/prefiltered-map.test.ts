import { describe, expect, it } from 'vitest'
import { createRevocationList, type M2MAuth } from '../../src/index.js'
import { PrefilteredMap } from '../../src/revocation/prefiltered-map.js'

const NOW = 1_800_000_000
// Same length and same last three characters: the same pre-filter slot.
const SHARED_A = 'm2m-client-test-aaaa-xyz'
const SHARED_B = 'm2m-client-test-bbbb-xyz'

const auth = (clientId: string, iat: number): M2MAuth =>
  ({ kind: 'm2m', clientId, claims: { iat, sub: clientId }, scopes: [] }) as unknown as M2MAuth

describe('PrefilteredMap', () => {
  it('finds every stored key, also when two keys share a slot and one is removed', () => {
    const map = new PrefilteredMap<number>()
    map.set(SHARED_A, 1)
    map.set(SHARED_B, 2)
    map.set(SHARED_A, 3) // a replaced value counts its slot once
    expect(map.delete(SHARED_A)).toBe(true)
    expect(map.get(SHARED_B)).toBe(2)
    expect(map.has(SHARED_B)).toBe(true)
    expect(map.get(SHARED_A)).toBeUndefined()
    expect(map.delete(SHARED_A)).toBe(false)
    expect(map.delete(SHARED_B)).toBe(true)
    expect(map.has(SHARED_B)).toBe(false)
    expect(map.size).toBe(0)
  })

  it('answers keys in a used slot from the map, and forgets everything on clear', () => {
    const map = new PrefilteredMap<string>()
    map.set(SHARED_A, 'a')
    expect(map.get(SHARED_B)).toBeUndefined()
    map.clear()
    expect(map.get(SHARED_A)).toBeUndefined()
    map.set(SHARED_B, 'b')
    expect(map.get(SHARED_B)).toBe('b')
    expect(map.size).toBe(1)
  })

  it('keeps a slot "maybe" once its count saturates, so no stored key is ever missed', () => {
    const map = new PrefilteredMap<number>()
    // 65,536 keys of one slot: the count stops at 65,535 and is never decremented after.
    const keys = Array.from({ length: 65_536 }, (_, i) => `${String(i).padStart(21, '0')}xyz`)
    for (const key of keys) map.set(key, 1)
    for (const key of keys.slice(1)) map.delete(key)
    expect(map.get(keys[0] as string)).toBe(1)
  })
})

describe('revocation index through its pre-filter', () => {
  it('still revokes a client after another client of the same slot is unrevoked', () => {
    const list = createRevocationList({ clock: () => NOW * 1000 })
    const first = list.add({ type: 'client', clientId: SHARED_A, issuedBefore: new Date(NOW * 1000).toISOString() })
    list.add({ type: 'client', clientId: SHARED_B, issuedBefore: new Date(NOW * 1000).toISOString() })
    expect(list.remove(first)).toBe(true)
    // Both on the first-seen path (no memo) and on a cache hit.
    expect(list.check(auth(SHARED_B, NOW - 10), 'x.y.z', false)).toBe(true)
    expect(list.check(auth(SHARED_B, NOW - 10), 'x.y.z', true)).toBe(true)
    expect(list.check(auth(SHARED_A, NOW - 10), 'x.y.z', false)).toBe(false)
  })
})
