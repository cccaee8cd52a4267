import { readFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, totalmem } from 'node:os'

const PEERS = [
  'jose',
  'aws-jwt-verify',
  'express-oauth2-jwt-bearer',
  'stytch',
  'express',
  'koa',
  'fastify',
  '@nestjs/core',
  'autocannon',
]

function installedVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url)
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
  } catch {
    return '?'
  }
}

/**
 * Describes the machine and the versions under test, for the report header.
 *
 * @returns Markdown lines.
 */
export function describeMachine(): string {
  const cpu = cpus()
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
  return [
    `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${arch()}; load average at start ${load}`,
    `- Node ${process.version} (OpenSSL ${process.versions.openssl}, V8 ${process.versions.v8})`,
    `- Peers: ${PEERS.map((name) => `${name} ${installedVersion(name)}`).join(', ')}`,
  ].join('\n')
}
