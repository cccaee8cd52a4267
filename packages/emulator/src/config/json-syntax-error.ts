/**
 * The offset of the first syntax error in `text`, by a small recursive-descent scan of the JSON grammar (RFC 8259).
 * Node 20's `JSON.parse` errors often carry no position; this gives the line to report.
 *
 * @param text - Text that `JSON.parse` refused.
 * @returns The offset where the text stops being JSON.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  let index = 0
  const fail = (): never => {
    throw index
  }
  const space = (): void => {
    while (/[ \t\n\r]/.test(text[index] ?? '')) index++
  }
  const expect = (char: string): void => {
    if (text[index] !== char) fail()
    index++
  }
  const string = (): void => {
    expect('"')
    for (;;) {
      const char = text[index]
      if (char === undefined || char < ' ') fail()
      index++
      if (char === '"') return
      if (char === '\\') {
        if (text[index] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 1, index + 5))) fail()
          index += 5
        } else if (!/["\\/bfnrt]/.test(text[index] ?? '')) fail()
        else index++
      }
    }
  }
  const value = (): void => {
    space()
    const char = text[index]
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']'
      index++
      space()
      if (text[index] === close) {
        index++
        return
      }
      for (;;) {
        if (close === '}') {
          space()
          string()
          space()
          expect(':')
        }
        value()
        space()
        if (text[index] === ',') {
          index++
          continue
        }
        expect(close)
        return
      }
    }
    if (char === '"') {
      string()
      return
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(index))
    if (literal === null) fail()
    index += literal![0].length
  }
  try {
    value()
    space()
    if (index < text.length) fail()
  } catch (offset) {
    if (typeof offset === 'number') return offset
    throw offset
  }
  return index
}
