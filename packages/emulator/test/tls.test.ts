import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { get } from 'node:https'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index.js'
import { tempDir } from './support/spawn-emulator.js'

// `agent: false`: no pooled socket or cached TLS session from another test's emulator on the same port.
function status(url: string, options: { ca?: string; servername?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}/health`, { ...options, agent: false }, (response) => {
      response.resume()
      resolve(response.statusCode!)
    }).on('error', reject)
  })
}

describe('--https', () => {
  it('serves a certificate for localhost, 127.0.0.1 and ::1, signed by the CA it writes to --ca-file', async () => {
    const caFile = join(tempDir(), 'ca.pem')
    const emulator = await startEmulator({ port: 0, https: true, caFile })
    try {
      expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      expect(emulator.caFile).toBe(caFile)
      const ca = readFileSync(caFile, 'utf8')
      expect(await status(emulator.url, { ca })).toBe(200)
      expect(await status(emulator.url, { ca, servername: 'localhost' })).toBe(200)
      await expect(status(emulator.url, {})).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })
      await expect(status(emulator.url, { ca, servername: 'example.com' })).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      })

      const authority = new X509Certificate(ca)
      expect(authority.ca).toBe(true)
      const served = await new Promise<X509Certificate>((resolve, reject) => {
        get(`${emulator.url}/health`, { ca, agent: false }, (response) => {
          response.resume()
          resolve((response.socket as import('node:tls').TLSSocket).getPeerX509Certificate()!)
        }).on('error', reject)
      })
      expect(served.ca).toBe(false)
      expect(served.checkIssued(authority)).toBe(true)
      expect(served.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1')
    } finally {
      await emulator.close()
    }
  })

  it('keeps the CA across restarts with --state, so clients keep trusting it', async () => {
    const dir = tempDir()
    const options = { port: 0, https: true, caFile: join(dir, 'ca.pem'), stateFile: join(dir, 'state.json') }
    const first = await startEmulator(options)
    const ca = readFileSync(options.caFile, 'utf8')
    await first.close()
    const second = await startEmulator(options)
    try {
      expect(readFileSync(options.caFile, 'utf8')).toBe(ca)
      expect(await status(second.url, { ca })).toBe(200)
    } finally {
      await second.close()
    }
  })

  it('makes a fresh CA at every start without --state', async () => {
    const caFile = join(tempDir(), 'ca.pem')
    const first = await startEmulator({ port: 0, https: true, caFile })
    const ca = readFileSync(caFile, 'utf8')
    await first.close()
    const second = await startEmulator({ port: 0, https: true, caFile })
    await second.close()
    expect(readFileSync(caFile, 'utf8')).not.toBe(ca)
  })
})
