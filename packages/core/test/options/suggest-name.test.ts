import { describe, expect, it } from 'vitest'
import { checkNames } from '../../src/options/check-names.js'
import { checkNumber } from '../../src/options/check-values.js'
import { suggestName } from '../../src/options/suggest-name.js'

const PER_CALL = ['requiredScopes', 'anyScopes', 'scopeCheck', 'maxTokenAge', 'realm', 'required']

describe('suggestName', () => {
  it.each([
    ['requireScopes', 'requiredScopes'],
    ['requiredScope', 'requiredScopes'],
    ['scopes', 'requiredScopes'],
    ['RequiredScopes', 'requiredScopes'],
    ['maxtokenage', 'maxTokenAge'],
    ['anyScope', 'anyScopes'],
    ['relam', 'realm'],
  ])('suggests for %j: %j', (typo, expected) => {
    expect(suggestName(typo, PER_CALL)).toBe(expected)
  })

  it.each(['audience', 'x', 'ope', 'tokens'])('suggests nothing for the unrelated %j', (name) => {
    expect(suggestName(name, PER_CALL)).toBeUndefined()
  })

  it('finds nested names within two edits', () => {
    expect(suggestName('staleIfEror', ['cacheMaxAge', 'staleIfError', 'timeout'])).toBe('staleIfError')
    expect(suggestName('mx', ['max'])).toBe('max')
  })
})

describe('checkNames', () => {
  it('names the function, the full path and the suggestion', () => {
    expect(() => checkNames({ mx: 1 }, { max: true }, 'createVerifier', 'tokenCache.')).toThrow(
      new TypeError(
        'm2m-guard: createVerifier does not know the option "tokenCache.mx" (did you mean "tokenCache.max"?)',
      ),
    )
  })

  it('accepts known names and ignores inherited ones', () => {
    expect(() => checkNames(Object.create({ inherited: 1 }), { max: true }, 'f', '')).not.toThrow()
    expect(() => checkNames({ max: 1 }, { max: true }, 'f', '')).not.toThrow()
  })

  it('does not take names from the prototype of the list as known', () => {
    expect(() => checkNames({ toString: 1 }, { max: true }, 'f', '')).toThrow(TypeError)
  })
})

describe('checkNumber', () => {
  const rule = { min: 0, max: 300, unit: 'seconds' }

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, 301, '5', null])(
    'refuses %j with the range in the message',
    (value) => {
      expect(() => checkNumber(value, 'clockTolerance', rule, 5)).toThrow(
        new TypeError('m2m-guard: option "clockTolerance" must be a finite number of seconds from 0 to 300'),
      )
    },
  )

  it('returns the value, or the fallback for undefined', () => {
    expect(checkNumber(300, 'clockTolerance', rule, 5)).toBe(300)
    expect(checkNumber(undefined, 'clockTolerance', rule, 5)).toBe(5)
  })
})
