// The live stream: GET /api/v1/stream read with fetch() (EventSource cannot
// send the Bearer token), parsed as Server-Sent Events, reconnecting with
// Last-Event-ID so that nothing is missed.
import { authFetch } from './client.ts'

export type LiveEvent = {
  type: 'meeting.created' | 'meeting.updated' | 'meeting.cancelled' | 'meeting.deleted' | 'request.changed' | 'problems.changed' | string
  /** absent on problems.changed, which names no record */
  id: string
  version: number
  actor_id?: string
  actor_name?: string
  at?: string
}

export type SseMessage = { id?: string; event: string; data: string }

/** SseParser turns chunks of an event stream into messages (the WHATWG rules, minus CR-only lines). */
export class SseParser {
  private buffer = ''
  private data: string[] = []
  private event = ''
  private id: string | undefined
  /** retry is the reconnection delay the server asked for, in ms. */
  retry: number | undefined

  push(chunk: string): SseMessage[] {
    this.buffer += chunk
    const out: SseMessage[] = []
    let nl: number
    while ((nl = this.buffer.indexOf('\n')) !== -1) {
      let line = this.buffer.slice(0, nl)
      this.buffer = this.buffer.slice(nl + 1)
      if (line.endsWith('\r')) line = line.slice(0, -1)
      if (line === '') {
        if (this.data.length > 0 || this.event) {
          const msg: SseMessage = { event: this.event || 'message', data: this.data.join('\n') }
          if (this.id !== undefined) msg.id = this.id
          out.push(msg)
        }
        this.data = []
        this.event = ''
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      let value = colon === -1 ? '' : line.slice(colon + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'data') this.data.push(value)
      else if (field === 'event') this.event = value
      else if (field === 'id') this.id = value
      else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value)
    }
    return out
  }
}

type Handlers = { onEvent: (e: LiveEvent) => void; onReload: () => void; onState?: (live: boolean) => void }

/** connectStream keeps a stream open until signal aborts. */
export async function connectStream(signal: AbortSignal, handlers: Handlers): Promise<void> {
  let lastId: string | undefined
  let delay = 2000
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' }
      if (lastId) headers['Last-Event-ID'] = lastId
      const res = await authFetch('/api/v1/stream', { headers, signal, cache: 'no-store' })
      if (res.status === 401 || res.status === 403) return
      if (!res.ok || !res.body) throw new Error(`stream: HTTP ${res.status}`)
      handlers.onState?.(true)
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      const parser = new SseParser()
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        for (const msg of parser.push(value)) {
          if (parser.retry !== undefined) delay = parser.retry
          if (msg.id) lastId = msg.id
          if (msg.event === 'reload') {
            handlers.onReload()
            continue
          }
          try {
            const ev = JSON.parse(msg.data) as LiveEvent
            if (ev && (typeof ev.id === 'string' || ev.type === 'problems.changed')) handlers.onEvent(ev)
          } catch {
            /* not an event of ours */
          }
        }
      }
    } catch {
      if (signal.aborted) return
    }
    handlers.onState?.(false)
    await new Promise((r) => setTimeout(r, delay))
  }
}
