const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML element content and quoted attribute values. Everything the inspector prints goes through it. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]!)

/**
 * A tagged template that escapes every interpolated value, except {@link Raw} fragments built by this same tag.
 *
 * @example
 * ```ts
 * h`<td>${clientName}</td>`
 * ```
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!
  values.forEach((value, index) => {
    const text = Array.isArray(value)
      ? value.map((item) => (item instanceof Raw ? item.html : escapeHtml(item))).join('')
      : value instanceof Raw
        ? value.html
        : escapeHtml(value ?? '')
    out += text + strings[index + 1]!
  })
  return new Raw(out)
}

/** Markup already escaped by {@link h}. */
export class Raw {
  /** The markup. */
  readonly html: string
  /** @param html - Markup that is safe as is. */
  constructor(html: string) {
    this.html = html
  }
}
