// GET /api/health: public, no token needed.
export function GET(): Response {
  return Response.json({ status: 'ok' })
}
