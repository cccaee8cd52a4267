import { randomUUID } from 'node:crypto'
import { link, readFile, rm, writeFile } from 'node:fs/promises'
import { StateError } from './state-error.js'

/** A held lock; `release()` removes the lock file if it is still ours. */
export interface StateLock {
  readonly path: string
  release(): Promise<void>
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `<stateFile>.lock`, so two emulators never write one state file. The lock file holds the owner's pid; a lock
 * whose process no longer runs is stale and taken over. The lock file is created complete (written aside, then
 * hard-linked into place), so no one ever reads a half-written lock.
 *
 * @param stateFile - The state file to protect.
 * @returns The lock.
 * @throws {@link StateError} `ERR_STATE_LOCKED` when a running process holds it, `ERR_STATE_INVALID` when the lock file
 * is not one of ours.
 */
export async function acquireStateLock(stateFile: string): Promise<StateLock> {
  const path = `${stateFile}.lock`
  const owner = `${JSON.stringify({ pid: process.pid, id: randomUUID() })}\n`
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(temporary, owner, { mode: 0o600 })
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(temporary, path)
        return { path, release: () => releaseLock(path, owner) }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = await readHolder(path)
      if (holder === undefined) continue
      if (isRunning(holder)) {
        throw new StateError(
          'ERR_STATE_LOCKED',
          `${stateFile} is in use by another emulator (pid ${holder}, lock ${path}); stop it or use another --state file`,
        )
      }
      // The holder died without cleaning up; its lock is stale.
      await rm(path, { force: true })
    }
    throw new StateError('ERR_STATE_LOCKED', `${path}: could not take the lock; another emulator is starting`)
  } finally {
    await rm(temporary, { force: true })
  }
}

async function readHolder(path: string): Promise<number | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const pid: unknown = (JSON.parse(text) as { pid?: unknown }).pid
    if (Number.isSafeInteger(pid) && (pid as number) > 0) return pid as number
  } catch {}
  throw new StateError('ERR_STATE_INVALID', `${path} is not an emulator lock file; remove it if no emulator runs`)
}

async function releaseLock(path: string, owner: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined)
  if (current === owner) await rm(path, { force: true })
}
