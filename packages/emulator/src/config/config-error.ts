/**
 * A config file the emulator cannot use. The message names the file, the line and the field of every problem, so the
 * CLI prints it as is and exits with status 2.
 *
 * @example
 * ```ts
 * try {
 *   await loadConfig('stytch.yaml')
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.message)
 * }
 * ```
 */
export class ConfigError extends Error {
  /** Always `ERR_EMULATOR_CONFIG`. */
  readonly code = 'ERR_EMULATOR_CONFIG' as const

  /**
   * @param message - Every problem, one per line.
   */
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}
