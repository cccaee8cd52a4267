const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** `41234.5` → `41,235`. */
export function formatCount(value: number): string {
  return grouped.format(value)
}

/** Three significant digits at most, e.g. `24.5`, `0.512`, `128`. */
export function formatMicros(value: number): string {
  return value >= 100
    ? value.toFixed(0)
    : value >= 10
      ? value.toFixed(1)
      : value >= 1
        ? value.toFixed(2)
        : value.toFixed(3)
}

/** A ratio with two decimals, or one above 10: `0.83`, `27.4`. */
export function formatRatio(value: number): string {
  return value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

/** Bytes as MB with one decimal (1 MB = 2^20 bytes), signed. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 2 ** 20
  return `${mb >= 0 ? '+' : ''}${mb.toFixed(1)}`
}

/**
 * Renders a GitHub-flavoured markdown table.
 *
 * @param header - Column titles.
 * @param align - `l` or `r` per column.
 * @param rows - Cells.
 * @returns The table text.
 */
export function markdownTable(header: readonly string[], align: string, rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  const rule = [...align].map((a) => (a === 'r' ? '---:' : '---'))
  return [line(header), line(rule), ...rows.map(line)].join('\n')
}
