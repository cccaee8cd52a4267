/** Languages whose fenced blocks are type-checked; the value is the extension the generated file gets. */
export const CHECKED_LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'mjs',
  javascript: 'mjs',
  mjs: 'mjs',
}

/**
 * What the HTML comment right before a block says about it:
 * `<!-- snippet: prelude=express,koa -->` prepends named preludes (test/snippets/preludes/<name>.ts);
 * `<!-- snippet: from=examples/fastify -->` compiles the block where that folder's README would be (its
 * dependencies, e.g. a framework the root does not install); both can be combined;
 * `<!-- snippet: not-code reason="…" -->` marks pseudo-code labelled as code;
 * `<!-- snippet: skip reason="…" -->` marks real code the workspace cannot compile (said why, listed by the test).
 */
export type SnippetDirective =
  | { readonly kind: 'check'; readonly preludes: readonly string[]; readonly from?: string | undefined }
  | { readonly kind: 'not-code' | 'skip'; readonly reason: string }

/** One fenced TypeScript/JavaScript block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  readonly file: string
  /** 1-based line, in the Markdown file, of the block's first code line. */
  readonly line: number
  readonly lang: string
  readonly code: string
  readonly directive: SnippetDirective
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/
const DIRECTIVE = /^\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$/

/** Parses the text of a `snippet:` comment; throws on anything it does not know, so a typo cannot skip a block. */
export function parseDirective(text: string, where: string): SnippetDirective {
  const check = /^(?:(?:prelude=[\w-]+(?:,[\w-]+)*|from=[\w./-]+)(?:\s+|$))+$/.test(text)
  if (check) {
    const preludes = /(?:^|\s)prelude=([\w,-]+)/.exec(text)?.[1]?.split(',') ?? []
    return { kind: 'check', preludes, from: /(?:^|\s)from=([\w./-]+)/.exec(text)?.[1] }
  }
  const excluded = /^(not-code|skip)\s+reason="([^"]+)"$/.exec(text)
  if (excluded?.[1] && excluded[2]) return { kind: excluded[1] as 'not-code' | 'skip', reason: excluded[2] }
  throw new Error(`${where}: unknown snippet directive "${text}"`)
}

/**
 * Extracts every fenced block in a checked language from a Markdown text.
 *
 * @param markdown - The Markdown source.
 * @param file - Its path relative to the repository root, used in locations and errors.
 * @returns The blocks in document order, with the block's indentation (list items) removed.
 */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const lines = markdown.split('\n')
  const snippets: Snippet[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '', lang = ''] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j] ?? ''
      if (line.trimStart().startsWith(fence) && line.trim().replaceAll(fence[0] ?? '`', '') === '') break
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())
    }
    const extension = CHECKED_LANGUAGES[lang.toLowerCase()]
    if (extension) {
      let k = i - 1
      while (k >= 0 && (lines[k] ?? '').trim() === '') k--
      const comment = DIRECTIVE.exec(lines[k] ?? '')
      const directive: SnippetDirective = comment
        ? parseDirective(comment[1] ?? '', `${file}:${k + 1}`)
        : { kind: 'check', preludes: [] }
      snippets.push({ file, line: i + 2, lang: lang.toLowerCase(), code: body.join('\n'), directive })
    }
    i = j
  }
  return snippets
}
