import { describe, expect, it } from 'vitest'
import { createReport } from '../src/report.js'

function capture(): { write: (text: string) => void; text: () => string } {
  let out = ''
  return { write: (text) => (out += text), text: () => out }
}

describe('createReport', () => {
  it('counts a failed row, so the demo exits non-zero', () => {
    const out = capture()
    const report = createReport(out.write)
    report.row({ step: 'a', expected: '200', actual: '200', pass: true })
    report.row({ step: 'b', expected: '200', actual: '500', pass: false })
    expect(report.summary()).toBe(1)
    expect(out.text()).toContain('1 of 2 steps FAILED')
  })

  it('returns 0 failures when every row passed', () => {
    const out = capture()
    const report = createReport(out.write)
    report.row({ step: 'a', expected: '200', actual: '200', pass: true })
    expect(report.summary()).toBe(0)
    expect(out.text()).toContain('all 1 steps passed')
  })

  it('wraps long cells and prints the verdict once, on the first line of the row', () => {
    const out = capture()
    const report = createReport(out.write)
    const challenge = 'Bearer realm="api", error="invalid_token", error_description="The access token expired"'
    report.row({
      step: 'GET /users, expired token',
      expected: '401 invalid_token',
      actual: `401 · ${challenge}`,
      pass: true,
    })
    const lines = out.text().trimEnd().split('\n')
    expect(lines.length).toBeGreaterThan(1)
    expect(lines[0]).toMatch(/^1 {4}GET \/users, expired token .* PASS$/)
    expect(lines.slice(1).some((line) => line.includes('PASS'))).toBe(false)
    // Read back without the layout: the wrapped text loses no word.
    const words = lines.join(' ').replace(' PASS', '').replace(/\s+/g, ' ')
    expect(words).toContain(challenge)
  })

  it('colors the verdict only when asked to', () => {
    const plain = capture()
    createReport(plain.write).row({ step: 'a', expected: 'x', actual: 'x', pass: true })
    const colored = capture()
    createReport(colored.write, true).row({ step: 'a', expected: 'x', actual: 'x', pass: true })
    expect(plain.text()).not.toContain('\x1b[')
    expect(colored.text()).toContain('\x1b[32mPASS\x1b[0m')
  })
})
