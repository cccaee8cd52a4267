// The inspector page in a real browser: Debian's Chromium driven by playwright-core (which never downloads one).
import { existsSync } from 'node:fs'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmulatorConfig, type RunningEmulator, startEmulator } from '../src/index.js'
import { CLIENT_ID, CLIENT_SECRET, PROJECT_ID, PROJECT_SECRET } from './support/fixtures.js'

const CHROMIUM = '/usr/bin/chromium'
const HOSTILE_NAME = '<img src=x onerror="document.title=1">"&\''

const config: EmulatorConfig = {
  projects: [
    {
      project_id: PROJECT_ID,
      secret: PROJECT_SECRET,
      vertical: 'consumer',
      custom_claims_template: '{"tenant": {{ trusted_metadata.tenant }}}',
      m2m_clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          scopes: ['read:users', 'write:users'],
          trusted_metadata: { tenant: 'acme' },
          client_name: HOSTILE_NAME,
          client_description: undefined,
          status: 'active',
        },
      ],
      connected_apps: [],
    },
  ],
}

let emulator: RunningEmulator
let browser: Browser
let page: Page

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install the Debian package chromium (scripts/ensure-system-deps.sh)`)
  }
  emulator = await startEmulator({ port: 0, config })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  })
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
})
afterAll(async () => {
  await browser?.close()
  await emulator?.close()
})

async function distinctColours(png: Buffer): Promise<number> {
  const canvasPage = await browser.newPage()
  try {
    await canvasPage.setContent(`<img id="shot" src="data:image/png;base64,${png.toString('base64')}">`)
    return await canvasPage.evaluate(async () => {
      const image = document.getElementById('shot') as HTMLImageElement
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.naturalWidth
      canvas.height = image.naturalHeight
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      const colours = new Set<number>()
      for (let index = 0; index < data.length; index += 4 * 7) {
        colours.add((data[index]! << 16) | (data[index + 1]! << 8) | data[index + 2]!)
      }
      return colours.size
    })
  } finally {
    await canvasPage.close()
  }
}

describe('the inspector page', () => {
  it('shows projects, clients, scopes and keys, never secrets, and escapes every value', async () => {
    await fetch(`${emulator.url}/v1/sessions/jwks/${PROJECT_ID}`)
    const response = await page.goto(`${emulator.url}/`)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'")
    expect(await page.locator('h1').textContent()).toBe('Stytch M2M emulator')
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visibly is what this checks
    const text = await page.locator('main').innerText()
    expect(text).toContain(PROJECT_ID)
    expect(text).toContain(CLIENT_ID)
    expect(text).toContain('read:users')
    const kid = ((await (await fetch(`${emulator.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] })
      .keys[0]!.kid
    expect(text).toContain(kid)
    expect(text).toMatch(/signing\s+\d+ s/)
    expect(text).toContain(`/v1/sessions/jwks/${PROJECT_ID}`) // the last requests
    // The hostile client name is shown as text, not run as markup.
    expect(text).toContain(HOSTILE_NAME)
    expect(await page.locator('main img').count()).toBe(0)
    expect(await page.title()).toBe('Stytch emulator')
    const html = await page.content()
    expect(html).not.toContain(CLIENT_SECRET)
    expect(html).not.toContain(PROJECT_SECRET)
  })

  it('renders: a non-empty screenshot with many colours', async () => {
    await page.goto(`${emulator.url}/`)
    const png = await page.screenshot({ fullPage: true })
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.length).toBeGreaterThan(10_000)
    expect(await distinctColours(png)).toBeGreaterThan(20)
  })

  it('mints a token for a client through the form, exactly as the token endpoint would', async () => {
    await page.goto(`${emulator.url}/`)
    await page.selectOption('select[name="client"]', `${PROJECT_ID} ${CLIENT_ID}`)
    await page.fill('input[name="scopes"]', 'read:users')
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Mint")')])
    const token = (await page.locator('#minted-token').textContent())!.trim()
    const jwks = await (await fetch(`${emulator.url}/.well-known/jwks.json`)).json()
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: `stytch.com/${PROJECT_ID}`,
      audience: PROJECT_ID,
    })
    expect(payload).toMatchObject({ sub: CLIENT_ID, scope: 'read:users', tenant: 'acme' })
  })

  it('refuses to mint scopes the client does not have', async () => {
    await page.goto(`${emulator.url}/`)
    await page.fill('input[name="scopes"]', 'admin:everything')
    const [response] = await Promise.all([
      page.waitForResponse(/\/__emulator\/ui\/mint$/),
      page.click('button:has-text("Mint")'),
    ])
    expect(response.status()).toBe(400)
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visibly is what this checks
    expect(await page.locator('main').innerText()).toContain('Not granted')
    expect(await page.locator('#minted-token').count()).toBe(0)
  })

  it('rotates a signing key through the form', async () => {
    await page.goto(`${emulator.url}/`)
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Rotate signing key")')])
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visibly is what this checks
    expect(await page.locator('main').innerText()).toMatch(/now signs with jwk-test-/)
    const jwks = (await (await fetch(`${emulator.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] }
    expect(jwks.keys).toHaveLength(2)
    expect(await page.locator('section.project tbody tr').count()).toBe(3) // one client, two keys
  })
})
