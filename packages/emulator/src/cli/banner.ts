import type { RunningEmulator } from '../emulator-options.js'

/**
 * The start-up text: base URL, projects with their JWKS and token URLs, client ids, where the secrets are, the CA
 * file, and how to point an SDK at the emulator. Never prints a secret.
 *
 * @param emulator - The running emulator.
 * @returns Lines to print.
 */
export function banner(emulator: RunningEmulator): string {
  const lines = [`Stytch emulator listening on ${emulator.url}`, `  inspector:  ${emulator.url}/`]
  for (const project of emulator.projects) {
    lines.push(
      `  project ${project.project_id} (${project.vertical})`,
      `    JWKS:     ${project.jwks_url}`,
      `    token:    ${project.token_url}`,
      `    clients:  ${project.client_ids.length === 0 ? '(none)' : project.client_ids.join(', ')}`,
    )
  }
  lines.push(`  secrets:    ${emulator.secretsSource}`)
  lines.push(`  state:      ${emulator.stateFile ?? 'in memory (pass --state <file> to keep it)'}`)
  if (emulator.caFile !== undefined) {
    lines.push(
      `  CA file:    ${emulator.caFile}`,
      `    trust it: NODE_EXTRA_CA_CERTS=${emulator.caFile} REQUESTS_CA_BUNDLE=${emulator.caFile} SSL_CERT_FILE=${emulator.caFile}`,
    )
  }
  lines.push(`  SDKs:       STYTCH_BASE_URL=${emulator.url} (Node SDK: custom_base_url)`)
  return `${lines.join('\n')}\n`
}
