import type { CustomClaimsTemplate } from '@m2m-guard/testing'

// `{{ trusted_metadata.a.b }}` or `{{ request.name }}`, Stytch's template variables.
const VARIABLE = /\{\{\s*((?:trusted_metadata|request)(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g
const WHOLE_VARIABLE = /^\{\{\s*((?:trusted_metadata|request)(?:\.[A-Za-z0-9_-]+)*)\s*\}\}$/

type Input = Parameters<CustomClaimsTemplate>[0]

function resolve(expression: string, input: Input): unknown {
  const [root, ...rest] = expression.split('.')
  let value: unknown = root === 'request' ? input.parameters : input.client.trusted_metadata
  for (const key of rest) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  }
  return value
}

function fillObject(template: unknown, input: Input): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE_VARIABLE.exec(template)
    return whole === null ? template : resolve(whole[1]!, input)
  }
  if (Array.isArray(template)) return template.map((item) => fillObject(item, input))
  if (typeof template === 'object' && template !== null) {
    const entries = Object.entries(template).map(([key, value]) => [key, fillObject(value, input)] as const)
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined))
  }
  return template
}

/**
 * Whether a template text gives a JSON object once its variables are filled in (checked with every variable `null`),
 * so a broken template is a config error at start instead of a failed token request later.
 *
 * @param template - The template text.
 * @returns `true` when usable.
 */
export function isUsableTemplateText(template: string): boolean {
  try {
    const claims: unknown = JSON.parse(template.replace(VARIABLE, 'null'))
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
  } catch {
    return false
  }
}

/**
 * Turns a config file's `custom_claims_template` into the token endpoint's custom-claims function, like Stytch's M2M
 * custom-claims templates: variables `{{ trusted_metadata.<path> }}` (the client's trusted metadata) and
 * `{{ request.<param> }}` (extra token-request parameters).
 *
 * - A template text is filled in with each variable's JSON value (`null` when missing) and parsed, as Stytch does:
 *   `{"user_id": {{ request.user_id }}}`.
 * - An object template keeps its shape; a string value that is exactly one variable becomes that value, and members
 *   whose variable is missing are left out.
 *
 * @param template - The config value; `undefined` means no template, so no custom claims (Stytch's default).
 * @returns The template function, or `false`.
 * @example
 * ```ts
 * const claims = claimsTemplate({ tenant: '{{ trusted_metadata.tenant }}' })
 * ```
 */
export function claimsTemplate(template: string | Record<string, unknown> | undefined): CustomClaimsTemplate | false {
  if (template === undefined) return false
  if (typeof template !== 'string') {
    return (input) => fillObject(template, input) as Record<string, unknown>
  }
  return (input) => {
    const text = template.replace(VARIABLE, (_match, expression: string) =>
      JSON.stringify(resolve(expression, input) ?? null),
    )
    const claims: unknown = JSON.parse(text)
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      throw new TypeError('custom_claims_template must produce a JSON object')
    }
    return claims as Record<string, unknown>
  }
}
