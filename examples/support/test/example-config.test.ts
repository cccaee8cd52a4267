import { describe, expect, it } from 'vitest'
import { readExampleConfig } from '../src/example-config.js'

describe('readExampleConfig', () => {
  it('defaults to the embedded fake on 127.0.0.1:3000', () => {
    expect(readExampleConfig({})).toEqual({
      projectId: undefined,
      baseUrl: undefined,
      customDomain: undefined,
      port: 3000,
      host: '127.0.0.1',
    })
  })

  it('treats empty variables as unset', () => {
    expect(readExampleConfig({ STYTCH_PROJECT_ID: ' ', PORT: '', STYTCH_CUSTOM_DOMAIN: '' })).toMatchObject({
      projectId: undefined,
      customDomain: undefined,
      port: 3000,
    })
  })

  it('reads STYTCH_BASE_URL, e.g. a local Stytch emulator', () => {
    expect(readExampleConfig({ STYTCH_BASE_URL: 'http://127.0.0.1:4010' }).baseUrl).toBe('http://127.0.0.1:4010')
  })

  it('reads the project id, port and host', () => {
    const env = { STYTCH_PROJECT_ID: 'project-live-1', PORT: '0', HOST: '0.0.0.0' }
    expect(readExampleConfig(env)).toMatchObject({ projectId: 'project-live-1', port: 0, host: '0.0.0.0' })
  })

  it.each(['https://login.example.com', 'https://login.example.com/'])(
    'turns the custom domain %s into the https origin tokens carry as iss',
    (value) => {
      expect(readExampleConfig({ STYTCH_CUSTOM_DOMAIN: value }).customDomain).toBe('https://login.example.com')
    },
  )

  it('refuses a bare host name, suggesting its https origin (one spelling with customDomains)', () => {
    expect(() => readExampleConfig({ STYTCH_CUSTOM_DOMAIN: 'login.example.com' })).toThrow('https://login.example.com')
  })

  it.each(['http://login.example.com', 'https://login.example.com/path', 'not a host'])(
    'refuses the custom domain %s',
    (value) => {
      expect(() => readExampleConfig({ STYTCH_CUSTOM_DOMAIN: value })).toThrow(TypeError)
    },
  )

  it.each(['-1', '65536', '3.5', 'http'])('refuses PORT=%s', (value) => {
    expect(() => readExampleConfig({ PORT: value })).toThrow(TypeError)
  })
})
