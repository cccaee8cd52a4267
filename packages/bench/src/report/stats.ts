/**
 * The median of a non-empty list (mean of the two middle values for an even count).
 *
 * @param values - The samples.
 * @returns Their median.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no samples')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Smallest and largest value.
 *
 * @param values - The samples.
 * @returns `[min, max]`.
 */
export function range(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)]
}
