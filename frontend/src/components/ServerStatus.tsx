import { useEffect, useState } from 'react'
import { checkHealth, type ServerHealth } from '../lib/health.ts'

const LABELS: Record<ServerHealth, string> = {
  checking: 'Checking the server…',
  ok: 'Server: ok',
  unreachable: 'Server unreachable',
}

/** ServerStatus checks GET /healthz once on mount (and on "Check again") and shows the outcome. */
export function ServerStatus() {
  const [health, setHealth] = useState<ServerHealth>('checking')
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    setHealth('checking')
    checkHealth(controller.signal).then(setHealth, () => {
      /* aborted on unmount or a newer check: nothing to show */
    })
    return () => controller.abort()
  }, [attempt])

  return (
    <section className="card" aria-labelledby="server-status-heading">
      <h3 id="server-status-heading">Server status</h3>
      <p className={`status status--${health}`} role="status" data-health={health}>
        <span className="status__dot" aria-hidden="true" />
        {LABELS[health]}
      </p>
      <p>The planning server is checked each time this page opens.</p>
      {health === 'unreachable' && (
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Check again
        </button>
      )}
    </section>
  )
}
