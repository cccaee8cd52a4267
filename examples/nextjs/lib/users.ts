/** A user of the example API. */
export interface User {
  id: number
  name: string
}

/** The example's data: in memory, per server process (a real API would use its database). */
export const users: User[] = [{ id: 1, name: 'Grace' }]
