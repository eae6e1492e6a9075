/** ServerHealth is what the home page knows about the Go server. */
export type ServerHealth = 'checking' | 'ok' | 'unreachable'

/** How long a health check may take before the server counts as unreachable. */
export const HEALTH_TIMEOUT_MS = 5000

/**
 * checkHealth asks GET /healthz and resolves to 'ok' when the server answers
 * 200 with {"status":"ok"}, 'unreachable' on any other answer, a network
 * error or a timeout. It rejects only when signal is aborted.
 */
export async function checkHealth(signal: AbortSignal, timeoutMs = HEALTH_TIMEOUT_MS): Promise<ServerHealth> {
  const controller = new AbortController()
  const abort = () => controller.abort()
  signal.addEventListener('abort', abort, { once: true })
  const timer = setTimeout(abort, timeoutMs)
  try {
    const response = await fetch('/healthz', {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal: controller.signal,
    })
    if (!response.ok) return 'unreachable'
    const body: unknown = await response.json()
    return isOk(body) ? 'ok' : 'unreachable'
  } catch (error) {
    if (signal.aborted) throw error
    return 'unreachable'
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', abort)
  }
}

function isOk(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'ok'
}
