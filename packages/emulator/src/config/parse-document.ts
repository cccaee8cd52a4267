import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import { ConfigError } from './config-error.js'
import { type DocumentPath, locateJsonLine } from './json-locator.js'
import { jsonSyntaxErrorOffset } from './json-syntax-error.js'

/** A parsed config document and a way back from a path in it to its line in the file. */
export interface ParsedDocument {
  value: unknown
  /** The 1-based line of the member at `path`, when it exists. */
  lineOf(path: DocumentPath): number | undefined
}

/**
 * Parses a config file's text: YAML for `.yaml`/`.yml`, JSON otherwise.
 *
 * @throws {@link ConfigError} for a syntax error, with its line.
 */
export function parseConfigDocument(text: string, file: string): ParsedDocument {
  return /\.ya?ml$/i.test(file) ? parseYaml(text, file) : parseJson(text, file)
}

function parseJson(text: string, file: string): ParsedDocument {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const line = text.slice(0, jsonSyntaxErrorOffset(text)).split('\n').length
    throw new ConfigError(`${file}:${line}: not valid JSON (${message})`)
  }
  return { value, lineOf: (path) => locateJsonLine(text, path) }
}

function parseYaml(text: string, file: string): ParsedDocument {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const [error] = document.errors
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line
    throw new ConfigError(`${file}:${line}: not valid YAML (${error.message.split('\n')[0]})`)
  }
  const lineOf = (path: DocumentPath): number | undefined => {
    let node: unknown = document.contents
    let offset: number | undefined
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step)
        offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined
        node = pair?.value
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step]
        offset = (node as { range?: [number] } | undefined)?.range?.[0]
      } else {
        return undefined
      }
      if (node === undefined && offset === undefined) return undefined
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line
  }
  return { value: document.toJS(), lineOf }
}
