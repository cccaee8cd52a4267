import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/index.js'
import { CONFIG } from './support/fixtures.js'
import { runEmulator, tempDir, writeTemp } from './support/spawn-emulator.js'

const YAML = `# two projects
projects:
  - project_id: project-test-aaaa
    secret: secret-test-aaaa
    vertical: b2b
    m2m_clients:
      - client_id: m2m-client-test-a
        client_secret: a-long-secret
        scopes: [read:users]
        trusted_metadata: { tenant: acme }
  - project_id: project-test-bbbb
    secret: secret-test-bbbb
`

describe('config files', () => {
  it('reads YAML and JSON into the same config', async () => {
    const dir = tempDir()
    const yaml = await loadConfig(writeTemp(dir, 'stytch.yaml', YAML))
    expect(yaml.projects.map((project) => [project.project_id, project.vertical])).toEqual([
      ['project-test-aaaa', 'b2b'],
      ['project-test-bbbb', 'consumer'],
    ])
    expect(yaml.projects[0]!.m2m_clients[0]).toMatchObject({
      scopes: ['read:users'],
      trusted_metadata: { tenant: 'acme' },
    })
    const json = await loadConfig(writeTemp(dir, 'stytch.json', CONFIG))
    expect(json.projects[0]!.m2m_clients[0]!.status).toBe('active')
  })

  it('names an unknown YAML field with its file, line and path', async () => {
    const file = writeTemp(tempDir(), 'stytch.yml', YAML.replace('client_secret: a-long-secret', 'client_secert: x'))
    const error = await loadConfig(file).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('ERR_EMULATOR_CONFIG')
    expect((error as Error).message).toContain(`${file}:8: projects[0].m2m_clients[0].client_secert: unknown field`)
    // The missing secret is reported too, in the same run.
    expect((error as Error).message).toContain('projects[0].m2m_clients[0].client_secret: "client_secret" must be')
  })

  it('names an unknown JSON field with its line, found by scanning the text', async () => {
    const config = structuredClone(CONFIG) as { projects: Record<string, unknown>[] }
    config.projects[1]!.verticle = 'b2b'
    const file = writeTemp(tempDir(), 'stytch.json', config)
    const lines = JSON.stringify(config, null, 2).split('\n')
    const line = lines.findIndex((text) => text.includes('"verticle"')) + 1
    await expect(loadConfig(file)).rejects.toThrow(`${file}:${line}: projects[1].verticle: unknown field "verticle"`)
  })

  it('gives the line of a JSON syntax error', async () => {
    const file = writeTemp(tempDir(), 'stytch.json', '{\n  "projects": [\n    { "project_id": }\n  ]\n}\n')
    await expect(loadConfig(file)).rejects.toThrow(`${file}:3: not valid JSON`)
  })

  it('refuses bad values, duplicate ids and an empty project list', async () => {
    const dir = tempDir()
    const bad = {
      projects: [
        {
          project_id: 'p 1',
          secret: '',
          vertical: 'enterprise',
          custom_claims_template: '{"a": {{ request.a }}',
          m2m_clients: [{ client_id: 'c', client_secret: 'short', scopes: ['a b'] }],
        },
        { project_id: 'project-test-x', secret: 's', m2m_clients: [] },
        { project_id: 'project-test-x', secret: 's' },
      ],
    }
    const message = await loadConfig(writeTemp(dir, 'bad.json', bad)).catch((error: Error) => error.message)
    for (const expected of [
      'projects[0].project_id:',
      'projects[0].secret:',
      'projects[0].vertical:',
      'projects[0].m2m_clients[0].client_secret:',
      'projects[0].m2m_clients[0].scopes:',
      'projects[0].custom_claims_template: "custom_claims_template" text must give a JSON object',
      'projects[2].project_id: project "project-test-x" appears twice',
    ]) {
      expect(message).toContain(expected)
    }
    await expect(loadConfig(writeTemp(dir, 'empty.json', { projects: [] }))).rejects.toThrow(
      '"projects" must be a non-empty list',
    )
  })

  it('makes the bin print the problem and exit with status 2', async () => {
    const file = writeTemp(tempDir(), 'stytch.yaml', YAML.replace('vertical: b2b', 'vertical: b2b\n    colour: blue'))
    const run = await runEmulator(['--config', file])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${file}:6: projects[0].colour: unknown field "colour"`)
    expect(run.stdout).toBe('')
  })

  it('refuses a non-loopback --host without --allow-remote, and unknown flags, with status 2', async () => {
    const remote = await runEmulator(['--host', '0.0.0.0'])
    expect(remote.code).toBe(2)
    expect(remote.stderr).toContain('--allow-remote')
    const unknown = await runEmulator(['--prot', '1'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("'--prot'")
  })
})
