import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkNumber, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import { nodeBuiltin } from '../runtime/node-builtins.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import { createRevocationList, type RevocationList, type RevocationListOptions } from './revocation-list.js'
import { parseRevocationRule, revocationId } from './revocation-rule.js'
import type { RevocationEvent, RevocationSource } from './revocation-source.js'

type NodeFs = typeof import('node:fs')
type NodePath = typeof import('node:path')

/** Options of {@link fileRevocations}. */
export interface FileRevocationsOptions extends Omit<RevocationListOptions, 'rules' | 'name'> {
  /** The JSON file: `{ "rules": [ { "type": "client", "clientId": "…", "issuedBefore": "…Z" }, … ] }`. Required. */
  path: string
  /**
   * Seconds between two looks at the file's size and modification time, besides `fs.watch` (which misses changes
   * on some file systems and after an editor replaces the file). From 0.05 to 3600. Default 5.
   */
  pollInterval?: number | undefined
}

const FILE_OPTION_NAMES: OptionNames<FileRevocationsOptions> = {
  path: true,
  pollInterval: true,
  maxTokenLifetime: true,
  onEvent: true,
  clock: true,
}
const SOURCE = 'file'

/** `[id, rule]` pairs of the file's rules: a valid rule gets its stable id, a refused one its position. */
function entriesOf(rules: readonly unknown[]): [string, unknown][] {
  return rules.map((rule, index) => {
    const parsed = parseRevocationRule(rule)
    return [parsed.ok ? revocationId(parsed.rule) : `rules[${index}]`, rule]
  })
}

/**
 * A revocation source read from a JSON file and kept up to date: `fs.watch` on its folder plus a periodic look at its
 * size and modification time. A malformed rule is refused with a `rule-refused` event naming it (`rules[3]`), the
 * others apply; a file that cannot be read or parsed leaves the last good set in force (`error` event). It never
 * throws after construction. Write the file atomically (write a temporary file, then rename) to spare readers a
 * half-written file; a torn read is refused and retried on the next change anyway.
 *
 * @param options - See {@link FileRevocationsOptions}.
 * @returns A {@link RevocationSource}; `ready()` resolves after the first read.
 * @throws {TypeError} when an option is invalid, or outside Node (no `node:fs`).
 * @example
 * const revocations = fileRevocations({ path: '/etc/my-api/revocations.json' })
 * const verifier = createStytchVerifier({ projectId, revocations })
 * await verifier.warm() // keys fetched and rules read
 */
export function fileRevocations(options: FileRevocationsOptions): RevocationSource {
  if (!isOptionsObject(options)) throw new TypeError('m2m-guard: the options of fileRevocations() must be an object')
  checkNames(options, FILE_OPTION_NAMES, 'fileRevocations', '')
  const fs = nodeBuiltin<NodeFs>('node:fs')
  const nodePath = nodeBuiltin<NodePath>('node:path')
  if (fs === undefined || nodePath === undefined) throw new TypeError('m2m-guard: fileRevocations() needs node:fs')
  const { path, pollInterval, ...listOptions } = options
  if (typeof path !== 'string' || path === '') invalidOption('path', 'the path of a JSON file')
  const pollMs = checkNumber(pollInterval, 'pollInterval', { min: 0.05, max: 3600, unit: 'seconds' }, 5) * 1000
  // The list's listeners hear every event of this source: its own (resync, rule-refused) and the file's errors.
  const list = createRevocationList({ ...listOptions, name: SOURCE })
  return new FileSource(fs, nodePath, path, pollMs, list)
}

class FileSource implements RevocationSource {
  readonly #fs: NodeFs
  readonly #path: string
  readonly #list: RevocationList
  readonly #watcher: import('node:fs').FSWatcher | undefined
  readonly #timer: ReturnType<typeof setInterval>
  readonly #ready: Promise<void>
  #signature = ''
  #loading: Promise<void> | undefined
  #again = false
  #closed = false

  constructor(fs: NodeFs, nodePath: NodePath, path: string, pollMs: number, list: RevocationList) {
    this.#fs = fs
    this.#path = path
    this.#list = list
    this.#ready = this.#load()
    const name = nodePath.basename(path)
    try {
      // The folder is watched, not the file: editors and atomic writers replace the file, which ends a file watch.
      this.#watcher = fs.watch(nodePath.dirname(path), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) this.#reload()
      })
      this.#watcher.on('error', (error) => this.#error('watching the folder failed', error))
    } catch (error) {
      this.#error('watching the folder failed; polling only', error)
    }
    this.#timer = setInterval(() => this.#poll(), pollMs)
    this.#timer.unref?.()
  }

  check(auth: M2MAuth, token: string, cached = false): boolean {
    return this.#list.check(auth, token, cached)
  }

  ready(): Promise<void> {
    return this.#ready
  }

  async close(): Promise<void> {
    this.#closed = true
    clearInterval(this.#timer)
    this.#watcher?.close()
    await this.#loading
  }

  subscribe(listener: (event: RevocationEvent) => void): () => void {
    return this.#list.subscribe(listener)
  }

  #error(message: string, cause: unknown): void {
    this.#list.report({ type: 'error', source: SOURCE, message, cause })
  }

  #poll(): void {
    this.#fs.stat(this.#path, (error, stats) => {
      if (this.#closed) return
      const signature = error === null ? `${stats.ino}:${stats.size}:${stats.mtimeMs}` : `missing:${error.code}`
      if (signature !== this.#signature) this.#reload()
    })
  }

  #reload(): void {
    if (this.#closed) return
    if (this.#loading !== undefined) {
      this.#again = true
      return
    }
    this.#loading = this.#load().finally(() => {
      this.#loading = undefined
      if (this.#again) {
        this.#again = false
        this.#reload()
      }
    })
  }

  async #load(): Promise<void> {
    let text: string
    try {
      const stats = await this.#fs.promises.stat(this.#path)
      this.#signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}`
      text = await this.#fs.promises.readFile(this.#path, 'utf8')
    } catch (error) {
      this.#signature = `missing:${(error as { code?: string }).code}`
      this.#error('cannot read the file; keeping the last good rules', error)
      return
    }
    let document: unknown
    try {
      document = JSON.parse(text)
    } catch (error) {
      this.#error('the file is not valid JSON; keeping the last good rules', error)
      return
    }
    const rules = (document as { rules?: unknown } | null)?.rules
    if (!isOptionsObject(document) || !Array.isArray(rules)) {
      this.#error('the file must hold { "rules": [ … ] }; keeping the last good rules', undefined)
      return
    }
    this.#list.replace(entriesOf(rules))
  }
}
