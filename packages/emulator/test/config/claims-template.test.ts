import type { M2MClient } from '@m2m-guard/testing'
import { describe, expect, it } from 'vitest'
import { claimsTemplate } from '../../src/config/claims-template.js'

const client: M2MClient = {
  client_id: 'm2m-client-test-1',
  client_name: '',
  client_description: '',
  status: 'active',
  scopes: [],
  client_secret_last_four: 'abcd',
  next_client_secret_last_four: null,
  trusted_metadata: { tenant: 'acme', plan: { tier: 3 } },
}

describe('custom-claims templates', () => {
  it('adds no claims without a template, as Stytch does', () => {
    expect(claimsTemplate(undefined)).toBe(false)
  })

  it('fills a template text with JSON values, null for missing ones', () => {
    const template = claimsTemplate(
      '{"tenant": {{ trusted_metadata.tenant }}, "tier": {{trusted_metadata.plan.tier}}, "user": {{ request.user_id }}, "gone": {{ request.nope }}}',
    )
    expect(template !== false && template({ client, parameters: { user_id: '123' } })).toEqual({
      tenant: 'acme',
      tier: 3,
      user: '123',
      gone: null,
    })
  })

  it('keeps an object template’s shape, replaces whole-variable strings and drops missing ones', () => {
    const template = claimsTemplate({
      tenant: '{{ trusted_metadata.tenant }}',
      nested: { plan: '{{ trusted_metadata.plan }}', label: 'tenant {{ trusted_metadata.tenant }}' },
      user: '{{ request.user_id }}',
      fixed: 7,
    })
    expect(template !== false && template({ client, parameters: {} })).toEqual({
      tenant: 'acme',
      nested: { plan: { tier: 3 }, label: 'tenant {{ trusted_metadata.tenant }}' },
      fixed: 7,
    })
  })

  it('cannot be used to inject JSON through a request parameter', () => {
    const template = claimsTemplate('{"user": {{ request.user_id }}}')
    const injected = '1, "admin": true'
    expect(template !== false && template({ client, parameters: { user_id: injected } })).toEqual({ user: injected })
  })
})
