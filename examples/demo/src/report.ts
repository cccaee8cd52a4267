/** One checked step: what should happen, what did, and whether they agree. */
export interface Row {
  step: string
  expected: string
  actual: string
  pass: boolean
}

/** Prints the demo as a table, one row as each step finishes, and counts failures. */
export interface Report {
  /** Prints a heading before a group of rows. */
  section(title: string): void
  /** Prints a row and records its outcome. */
  row(row: Row): void
  /** Prints a line of explanation, outside the table. */
  note(text: string): void
  /** Prints the totals. @returns The number of failed rows. */
  summary(): number
}

const WIDTHS = { index: 3, step: 36, expected: 28, actual: 54 } as const
const GAP = '  '

// Splits text into lines of at most `width` characters, at spaces where possible.
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    for (let rest = word; rest !== ''; ) {
      const room = line === '' ? width : width - line.length - 1
      if (rest.length <= room) {
        line = line === '' ? rest : `${line} ${rest}`
        rest = ''
      } else if (line !== '') {
        lines.push(line)
        line = ''
      } else {
        lines.push(rest.slice(0, width))
        rest = rest.slice(width)
      }
    }
  }
  return [...lines, line]
}

/**
 * Creates the table printer.
 *
 * @param write - Where output goes, e.g. `(text) => process.stdout.write(text)`.
 * @param color - Color PASS and FAIL (for terminals).
 * @returns The report.
 */
export function createReport(write: (text: string) => void, color = false): Report {
  let count = 0
  let failed = 0
  const paint = (text: string, code: number): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
  const line = (cells: string[]): string =>
    `${cells
      .map((cell, i) => cell.padEnd(Object.values(WIDTHS)[i] ?? 0))
      .join(GAP)
      .trimEnd()}\n`
  const rule = `${'-'.repeat(Object.values(WIDTHS).reduce((sum, width) => sum + width + GAP.length, 4))}\n`

  return {
    section(title) {
      write(`\n${paint(title, 1)}\n${line(['#', 'step', 'expected', 'actual'])}${rule}`)
    },
    row({ step, expected, actual, pass }) {
      count += 1
      if (!pass) failed += 1
      const columns = [[String(count)], wrap(step, WIDTHS.step), wrap(expected, WIDTHS.expected)]
      const actualLines = wrap(actual, WIDTHS.actual)
      const height = Math.max(...columns.map((c) => c.length), actualLines.length)
      for (let i = 0; i < height; i += 1) {
        const cells = [...columns.map((c) => c[i] ?? ''), (actualLines[i] ?? '').padEnd(WIDTHS.actual)]
        const result = i === 0 ? (pass ? paint('PASS', 32) : paint('FAIL', 31)) : ''
        write(line([...cells, result]))
      }
    },
    note(text) {
      write(`${text}\n`)
    },
    summary() {
      const verdict =
        failed === 0 ? paint(`all ${count} steps passed`, 32) : paint(`${failed} of ${count} steps FAILED`, 31)
      write(`\n${verdict}\n`)
      return failed
    },
  }
}
