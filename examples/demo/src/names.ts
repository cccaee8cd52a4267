/**
 * A long id shortened for the table: `m2m-client-test-7b8b…d4bc`.
 *
 * @param id - A client id or secret.
 * @returns The shortened text.
 */
export function short(id: string): string {
  return id.length <= 24 ? id : `${id.slice(0, 20)}…${id.slice(-4)}`
}
