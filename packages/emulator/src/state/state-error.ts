/**
 * A state or lock file the emulator refuses to use: corrupt, written by something else, from another version, or
 * held by a running emulator. The file is left untouched.
 *
 * @example
 * ```ts
 * try {
 *   await startEmulator({ stateFile: 'stytch-state.json' })
 * } catch (error) {
 *   if (error instanceof StateError && error.code === 'ERR_STATE_LOCKED') console.error(error.message)
 * }
 * ```
 */
export class StateError extends Error {
  /** `ERR_STATE_INVALID` (unreadable, corrupt or foreign file) or `ERR_STATE_LOCKED` (in use by another emulator). */
  readonly code: 'ERR_STATE_INVALID' | 'ERR_STATE_LOCKED'

  /**
   * @param code - The stable code.
   * @param message - What is wrong and what to do.
   */
  constructor(code: StateError['code'], message: string) {
    super(message)
    this.name = 'StateError'
    this.code = code
  }
}
