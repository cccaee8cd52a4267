import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CpuProfile } from './cpu-profile.js'
import { FRAMEWORKS, type Framework, type HttpCase } from './http-case.js'
import { diffCases, renderDiff, sumRuns } from './profile-diff.js'

/** The manifest's name in a `--server-prof` directory. */
export const MANIFEST = 'manifest.json'

/** One profile in a `--server-prof` directory: its case, round, file, requests and measured server CPU. */
export interface ManifestEntry extends HttpCase {
  readonly round: number
  /** The `.cpuprofile` file, relative to the directory. */
  readonly file: string
  readonly requests: number
  /** Server process CPU (user + system) during the run, in microseconds. */
  readonly cpuMicros: number
}

/**
 * Writes the manifest (rewritten after every round, so an interrupted run still leaves a readable directory).
 *
 * @param dir - The `--server-prof` directory.
 * @param entries - Every profile written so far.
 * @example
 * await writeManifest('/tmp/prof', entries)
 */
export async function writeManifest(dir: string, entries: readonly ManifestEntry[]): Promise<void> {
  await writeFile(join(dir, MANIFEST), `${JSON.stringify({ entries }, null, 2)}\n`)
}

/**
 * Per framework with both cases profiled, the markdown diff of its protected (16 tokens rotated) case against its
 * plain one, every round summed.
 *
 * @param dir - A `--server-prof` directory.
 * @returns Markdown: a heading and a table per framework.
 * @throws {Error} when the manifest or a profile cannot be read.
 * @example
 * console.log(await renderProfileDiffs('/tmp/prof'))
 */
export async function renderProfileDiffs(dir: string): Promise<string> {
  const { entries } = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { entries: ManifestEntry[] }
  const runsOf = async (framework: Framework, variant: string) =>
    Promise.all(
      entries
        .filter((e) => e.framework === framework && e.variant === variant)
        .map(async (e) => ({
          profile: JSON.parse(await readFile(join(dir, e.file), 'utf8')) as CpuProfile,
          requests: e.requests,
          cpuMicros: e.cpuMicros,
        })),
    )
  const sections: string[] = []
  for (const framework of FRAMEWORKS) {
    const plain = await runsOf(framework, 'plain')
    const guarded = await runsOf(framework, 'pool')
    if (plain.length === 0 || guarded.length === 0) continue
    const plainTimes = sumRuns(plain)
    const guardedTimes = sumRuns(guarded)
    const diff = diffCases(plainTimes, guardedTimes)
    sections.push(
      `### ${framework}: protected (16 tokens rotated) vs plain, self CPU per request\n\n` +
        `${plain.length} + ${guarded.length} profiles; ${plainTimes.requests} + ${guardedTimes.requests} requests.\n\n` +
        renderDiff(diff, { perGroup: 10, minDelta: 0.05 }),
    )
  }
  return sections.join('\n\n')
}
