/** One goal of issue 7, as measured in this run. */
export interface Goal {
  /** What is compared, e.g. "first-seen vs floor (ops/s)". */
  readonly name: string
  /** Human-readable target, e.g. "≥ 0.80". */
  readonly target: string
  /** The measured value, formatted. */
  readonly measured: string
  readonly met: boolean
}

/** What a section hands back to the runner: its markdown and its goals. */
export interface SectionResult {
  readonly markdown: string
  readonly goals: readonly Goal[]
}

/**
 * Renders goals as a markdown list.
 *
 * @param goals - The goals.
 * @returns One line per goal.
 */
export function renderGoals(goals: readonly Goal[]): string {
  return goals.map((g) => `- ${g.name}: ${g.measured} (goal ${g.target}) → **${g.met ? 'met' : 'MISSED'}**`).join('\n')
}
