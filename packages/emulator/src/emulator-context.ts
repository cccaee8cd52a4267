import type { EmulatorClock } from './clock.js'
import type { EmulatedProject } from './project.js'
import type { RequestLog } from './request-log.js'

/** What the admin API and the inspector work on. Internal. */
export interface EmulatorContext {
  /** The projects, in config order; the first is the default. */
  readonly projects: readonly EmulatedProject[]
  readonly clock: EmulatorClock
  readonly log: RequestLog
  /** The emulator's own origin, e.g. `https://127.0.0.1:4010`. */
  readonly baseUrl: string
  /** Real time the emulator started, in Unix milliseconds. */
  readonly startedAt: number
  /** The project with this id; the default project when `id` is `undefined`. */
  project(id: string | undefined): EmulatedProject | undefined
  /** Saves the state file (when there is one) if anything changed. */
  changed(): Promise<void>
  /** Throws away keys and clients and starts every project afresh from the config. */
  resetProjects(): Promise<void>
}
