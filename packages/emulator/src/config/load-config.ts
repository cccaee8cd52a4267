import { readFile } from 'node:fs/promises'
import { ConfigError } from './config-error.js'
import type { EmulatorConfig } from './emulator-config.js'
import type { DocumentPath } from './json-locator.js'
import { parseConfigDocument } from './parse-document.js'
import { validateConfig } from './validate-config.js'

/**
 * Reads, parses (JSON, or YAML for `.yaml`/`.yml`) and checks a config file.
 *
 * @param file - Path of the file.
 * @returns The checked config.
 * @throws {@link ConfigError} `ERR_EMULATOR_CONFIG` when the file cannot be read or parsed, or has unknown or invalid
 * fields; the message lists every problem as `<file>:<line>: <field path>: <problem>`.
 * @example
 * ```ts
 * const config = await loadConfig('stytch-emulator.yaml')
 * ```
 */
export async function loadConfig(file: string): Promise<EmulatorConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? error})`)
  }
  const document = parseConfigDocument(text, file)
  const result = validateConfig(document.value)
  if (!Array.isArray(result)) return result
  const lines = result.map(({ path, message }) => {
    const line = document.lineOf(path)
    return `${file}${line === undefined ? '' : `:${line}`}: ${formatPath(path)}${message}`
  })
  throw new ConfigError(lines.join('\n'))
}

/** `projects[0].m2m_clients[1].scopes: ` */
function formatPath(path: DocumentPath): string {
  if (path.length === 0) return ''
  const text = path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')
  return `${text.replace(/^\./, '')}: `
}
