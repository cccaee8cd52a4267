import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto'
import { promisify } from 'node:util'
import * as forgeModule from 'node-forge'

// node-forge is CommonJS and attaches its parts at run time, so Node's ESM loader cannot list them as named exports:
// the whole `module.exports` is the namespace's `default` (in the ESM build and in the CommonJS build alike).
const forge = ((forgeModule as { default?: typeof forgeModule }).default ?? forgeModule) as typeof forgeModule

/** A CA certificate and a server certificate it signed, in PEM. */
export interface TlsMaterial {
  /** The CA certificate: what clients must trust (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE). */
  caCertificate: string
  /** The server certificate for `localhost`, `127.0.0.1` and `::1`. */
  certificate: string
  /** The server certificate's private key (PKCS #8). */
  privateKey: string
}

const DAY = 86_400_000

async function rsaKey(): Promise<{ forgeKey: forgeModule.pki.rsa.PrivateKey; pem: string }> {
  // Node generates the key natively; node-forge only builds and signs the certificates.
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  return {
    forgeKey: forge.pki.privateKeyFromPem(pem),
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

function certificate(
  key: forgeModule.pki.rsa.PrivateKey,
  subject: string,
  notBefore: Date,
  days: number,
): forgeModule.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e)
  // A positive serial: the top bit of the first byte cleared (RFC 5280 §4.1.2.2).
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`
  cert.validity.notBefore = notBefore
  cert.validity.notAfter = new Date(notBefore.getTime() + days * DAY)
  cert.setSubject([
    { name: 'commonName', value: subject },
    { name: 'organizationName', value: 'm2m-guard Stytch emulator (local testing only)' },
  ])
  return cert
}

/**
 * Generates a throwaway CA and a server certificate signed by it for `localhost`, `127.0.0.1` and `::1`, so SDKs that
 * insist on https (the official Stytch SDKs do) can talk to the emulator once the CA is trusted. Node's crypto
 * cannot create X.509 certificates; node-forge builds and signs them, with keys Node generated.
 *
 * @param now - The start of validity (back-dated one hour for clock skew).
 * @returns The CA certificate, the server certificate and its key, in PEM.
 * @example
 * ```ts
 * const tls = await generateTlsMaterial(new Date())
 * https.createServer({ key: tls.privateKey, cert: tls.certificate }, listener)
 * ```
 */
export async function generateTlsMaterial(now: Date): Promise<TlsMaterial> {
  const notBefore = new Date(now.getTime() - 3_600_000)
  const [caKey, serverKey] = await Promise.all([rsaKey(), rsaKey()])
  const ca = certificate(caKey.forgeKey, `m2m-guard Stytch emulator CA ${now.toISOString()}`, notBefore, 3650)
  ca.setIssuer(ca.subject.attributes)
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ])
  ca.sign(caKey.forgeKey, forge.md.sha256.create())

  // 397 days: the longest server certificate lifetime browsers and Apple platforms accept.
  const server = certificate(serverKey.forgeKey, 'localhost', notBefore, 397)
  server.setIssuer(ca.subject.attributes)
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ])
  server.sign(caKey.forgeKey, forge.md.sha256.create())

  return {
    caCertificate: forge.pki.certificateToPem(ca),
    certificate: forge.pki.certificateToPem(server),
    privateKey: serverKey.pem,
  }
}

/**
 * Whether saved TLS material can serve again: the server certificate parses, was signed by the saved CA and stays
 * valid for at least another day.
 *
 * @param material - From the state file.
 * @param now - The current time.
 * @returns `true` when it can be reused.
 */
export function isReusable(material: TlsMaterial, now: Date): boolean {
  try {
    const server = new X509Certificate(material.certificate)
    const ca = new X509Certificate(material.caCertificate)
    return server.verify(ca.publicKey) && new Date(server.validTo).getTime() - now.getTime() > 86_400_000
  } catch {
    return false
  }
}
