import { afterEach, beforeEach, expect, type MockInstance, vi } from 'vitest'

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const

/** Spies on every console method around each test of the calling file, and fails a test that wrote to one. */
export function forbidConsoleOutput(): void {
  let spies: MockInstance[] = []
  beforeEach(() => {
    spies = METHODS.map((method) => vi.spyOn(console, method))
  })
  afterEach(() => {
    for (const spy of spies) expect(spy, 'console output').not.toHaveBeenCalled()
  })
}
