/** Where Stytch documents its error statuses; used for `error_url` / `error_uri`. */
export const errorUrl = (status: number): string => `https://stytch.com/docs/api/errors/${status}`

/** A JSON response whose body starts with Stytch's `status_code` and `request_id`. */
export function jsonResponse(
  status: number,
  requestId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ status_code: status, request_id: requestId, ...body }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

/** Stytch's API error shape: `error_type`, `error_message`, `error_url`. */
export function stytchError(
  status: number,
  requestId: string,
  errorType: string,
  message: string,
  headers?: Record<string, string>,
): Response {
  return jsonResponse(
    status,
    requestId,
    { error_type: errorType, error_message: message, error_url: errorUrl(status) },
    headers,
  )
}

/** Token responses must not be cached (RFC 6749 §5.1). */
export const NO_STORE: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' }

/** The OAuth 2.0 error shape of the token endpoint (RFC 6749 §5.2) plus Stytch's `status_code` and `request_id`. */
export function oauthError(
  status: number,
  requestId: string,
  error: string,
  description: string,
  headers?: Record<string, string>,
): Response {
  return jsonResponse(
    status,
    requestId,
    { error, error_description: description, error_uri: errorUrl(status) },
    { ...NO_STORE, ...headers },
  )
}
