/** Most edits (insertions, deletions, substitutions) between a typo and the name it suggests. */
const MAX_DISTANCE = 2
/** Shortest typo that may be taken for the last word of a longer name (`scopes` → `requiredScopes`). */
const MIN_SUFFIX_LENGTH = 4

/** Levenshtein distance, stopping early once it exceeds `limit` (option names are short). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
      current.push(value)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > limit) return limit + 1
    previous = current
  }
  return previous[b.length] as number
}

/** Lower case without a plural `s`, so `RequiredScope` and `requiredscopes` compare equal. */
function fold(name: string): string {
  const lower = name.toLowerCase()
  return lower.endsWith('s') ? lower.slice(0, -1) : lower
}

/**
 * The known name a mistyped option name most likely meant: first one equal up to letter case and a plural `s`, then
 * the nearest within two edits, then one whose last word it is (`scopes` → `requiredScopes`), in `known` order.
 *
 * @param name - The unknown name.
 * @param known - The accepted names, most likely first.
 * @returns The suggestion, or `undefined` when nothing is close.
 * @example
 * suggestName('requireScopes', ['requiredScopes', 'anyScopes']) // 'requiredScopes'
 * suggestName('scopes', ['requiredScopes', 'anyScopes']) // 'requiredScopes'
 */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  const folded = fold(name)
  const sameWord = known.find((candidate) => fold(candidate) === folded)
  if (sameWord !== undefined) return sameWord
  let best: string | undefined
  let bestDistance = MAX_DISTANCE + 1
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), MAX_DISTANCE)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best !== undefined) return best
  if (folded.length < MIN_SUFFIX_LENGTH) return undefined
  // Only at a camel-case word boundary: `scope` may mean `requiredScopes`, `ope` may not.
  return known.find((candidate) => {
    const tail = fold(candidate)
    const at = tail.length - folded.length
    return at > 0 && tail.endsWith(folded) && /[A-Z]/.test(candidate.charAt(at))
  })
}
