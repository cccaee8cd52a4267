import { describe, expect, it } from 'vitest'
import { extractSnippets, parseDirective } from './extract.js'
import { declaredNames } from './generate.js'

describe('extractSnippets', () => {
  it('takes ts, typescript, tsx, js and mjs blocks and leaves sh, json and text', () => {
    const markdown = ['ts', 'typescript', 'tsx', 'js', 'mjs', 'sh', 'json', 'text', '']
      .map((lang) => `\`\`\`${lang}\nx\n\`\`\``)
      .join('\n\n')
    expect(extractSnippets(markdown, 'README.md').map((s) => s.lang)).toEqual(['ts', 'typescript', 'tsx', 'js', 'mjs'])
  })

  it("locates a block by its first code line and removes a list item's indentation", () => {
    const markdown = ['# Title', '', '1. Step:', '', '   ```ts', '   const a = 1', '     + 2', '   ```', ''].join('\n')
    expect(extractSnippets(markdown, 'doc.md')).toEqual([
      { file: 'doc.md', line: 6, lang: 'ts', code: 'const a = 1\n  + 2', directive: { kind: 'check', preludes: [] } },
    ])
  })

  it('reads the snippet comment right before a block, blank lines between allowed', () => {
    const markdown = ['<!-- snippet: prelude=express,koa from=examples/koa -->', '', '```ts', 'x', '```'].join('\n')
    expect(extractSnippets(markdown, 'README.md')[0]?.directive).toEqual({
      kind: 'check',
      preludes: ['express', 'koa'],
      from: 'examples/koa',
    })
  })

  it('a snippet comment applies to the next block only', () => {
    const markdown = ['<!-- snippet: not-code reason="pseudo-code" -->', '```ts', 'a', '```', '```ts', 'b', '```'].join(
      '\n',
    )
    expect(extractSnippets(markdown, 'README.md').map((s) => s.directive.kind)).toEqual(['not-code', 'check'])
  })
})

describe('parseDirective', () => {
  it('reads not-code and skip with their reasons', () => {
    expect(parseDirective('not-code reason="shell output"', 'x')).toEqual({ kind: 'not-code', reason: 'shell output' })
    expect(parseDirective('skip reason="needs supertest"', 'x')).toEqual({ kind: 'skip', reason: 'needs supertest' })
  })

  it('refuses a misspelt directive or an exclusion without a reason, so a typo cannot silently skip a block', () => {
    expect(() => parseDirective('prelud=express', 'README.md:3')).toThrow('README.md:3')
    expect(() => parseDirective('skip', 'README.md:3')).toThrow('README.md:3')
    expect(() => parseDirective('not-code', 'README.md:3')).toThrow('README.md:3')
  })
})

describe('declaredNames', () => {
  it('finds the names a block declares or imports, so a prelude does not redeclare them', () => {
    const code = "import express, { Router } from 'express'\nconst app = express()\nfunction handler() {}"
    expect([...declaredNames(code)].sort()).toEqual(['Router', 'app', 'express', 'handler'])
  })
})
