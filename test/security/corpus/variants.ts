import { LIVE_PROJECT_ID, PROJECT_ID } from '../support/constants.js'

/** A verifier configuration the corpus runs against. */
export interface Variant {
  projectId: string
  /** `clockTolerance` given to the verifier; `undefined` keeps core's default. */
  clockTolerance: number | undefined
  /** The tolerance in effect (core's default is 5 s), for the jose differential. */
  effectiveTolerance: number
}

/** Every configuration used by the corpus; a case names one, `default` when it does not. */
export const VARIANTS = {
  /** `createStytchVerifier({ projectId })` with nothing else changed. */
  default: { projectId: PROJECT_ID, clockTolerance: undefined, effectiveTolerance: 5 },
  'tolerance-0': { projectId: PROJECT_ID, clockTolerance: 0, effectiveTolerance: 0 },
  'tolerance-30': { projectId: PROJECT_ID, clockTolerance: 30, effectiveTolerance: 30 },
  /** A live project, for test/live confusion. */
  live: { projectId: LIVE_PROJECT_ID, clockTolerance: undefined, effectiveTolerance: 5 },
} as const satisfies Record<string, Variant>

export type VariantName = keyof typeof VARIANTS
