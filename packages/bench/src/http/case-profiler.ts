import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'

/** Sampling interval: 100 µs gives thousands of samples per case in a second and a half of load. */
const SAMPLING_INTERVAL_MICROS = 100

/**
 * CPU profiles of this process, one per case: the inspector's `Profiler` started before a case is loaded and
 * stopped after it, so each case's profile holds only its own requests (one `--cpu-prof` profile of the whole
 * process mixes every case).
 */
export class CaseProfiler {
  readonly #session = new Session()
  #started = false

  /** Starts sampling; the first call connects to this thread's inspector. */
  async start(): Promise<void> {
    if (this.#started) throw new Error('the server profiler is already running')
    if (!this.#connected) {
      this.#session.connect()
      await this.#session.post('Profiler.enable')
      await this.#session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_MICROS })
      this.#connected = true
    }
    await this.#session.post('Profiler.start')
    this.#started = true
  }

  /**
   * Stops sampling and writes the profile.
   *
   * @param file - Where to write the `.cpuprofile` (JSON, opens in Chrome's DevTools).
   */
  async stop(file: string): Promise<void> {
    if (!this.#started) throw new Error('the server profiler is not running')
    this.#started = false
    const { profile } = await this.#session.post('Profiler.stop')
    await writeFile(file, JSON.stringify(profile))
  }

  #connected = false
}
