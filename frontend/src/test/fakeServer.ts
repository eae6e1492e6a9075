// A fake API for component tests: routes "METHOD /path" to JSON answers.
import { vi } from 'vitest'
import type { Delegation, Impact, ProgrammeProblem, Room, Summit, User, Venue } from '../api/types.ts'

/** A handler answers with a status and JSON body, or with a Response of its own (e.g. an event stream). */
export type Handler = (req: {
  url: URL
  init: RequestInit
  body: unknown
}) => { status?: number; body?: unknown } | Response | undefined

export function json(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status })
  const problem = status >= 400
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json' },
  })
}

/** fakeServer stubs fetch; routes map "GET /api/v1/me" (query ignored) to a handler or a fixed body. */
export function fakeServer(routes: Record<string, Handler | object>) {
  const calls: { method: string; path: string; url: URL; init: RequestInit; body: unknown }[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined
    calls.push({ method, path: url.pathname, url, init, body })
    const route = routes[`${method} ${url.pathname}`]
    if (route === undefined) return json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no route' })
    if (typeof route === 'function') {
      const out = (route as Handler)({ url, init, body })
      if (out instanceof Response) return out
      return json(out?.status ?? 200, out?.body ?? {})
    }
    return json(200, route)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { fetchMock, calls }
}

const now = '2024-06-01T00:00:00Z'

export const summit: Summit = {
  name: '24th Meeting of the SCO Council of Heads of State',
  city: 'Astana',
  timezone: 'Asia/Almaty',
  starts_on: '2024-07-03',
  ends_on: '2024-07-04',
  day_starts: '08:00',
  day_ends: '22:00',
  rest_minutes: 0,
  arrival_buffer_minutes: 10,
  max_bilaterals_per_day: 0,
  version: 1,
  updated_at: now,
}

export function user(role: User['role'], extra: Partial<User> = {}): User {
  return {
    id: `u-${role}`,
    email: `${role}@summit.example`,
    name: `Demo ${role}`,
    role,
    delegation_id: role === 'delegate' ? 'd-chn' : null,
    disabled: false,
    version: 1,
    created_at: now,
    updated_at: now,
    ...extra,
  }
}

export function delegation(id: string, code: string, name: string, precedence: number): Delegation {
  return {
    id,
    code,
    name,
    kind: 'member',
    precedence,
    languages: [],
    arrival_at: null,
    departure_at: null,
    hotel: '',
    hotel_venue_id: null,
    names: {},
    contact_emails: [],
    notice_language: 'en',
    version: 1,
    created_at: now,
    updated_at: now,
  }
}

export function venue(id: string, name: string): Venue {
  return { id, name, address: '', kind: 'venue', travel_minutes: {}, names: {}, version: 1, created_at: now, updated_at: now }
}

export function room(id: string, venueId: string, name: string, extra: Partial<Room> = {}): Room {
  return {
    id,
    venue_id: venueId,
    name,
    capacity: 20,
    layout: 'bilateral',
    interpretation_languages: [],
    changeover_minutes: 0,
    names: {},
    version: 1,
    created_at: now,
    updated_at: now,
    ...extra,
  }
}

export function tokenPair(u: User) {
  return { access_token: `token-${u.id}`, token_type: 'Bearer', expires_in: 900, refresh_token: 'r', user: u }
}

/** isDryRun: the request asks what a change would break (?dry_run=1) and writes nothing. */
export function isDryRun(url: URL): boolean {
  return url.searchParams.get('dry_run') === '1'
}

/**
 * problem is one item of GET /problems: a meeting (by default of China and
 * Kazakhstan on 3 July, 12:00–13:15 Astana time) breaking a rule; an extra
 * field given as undefined is left out.
 */
export function problem(meetingId: string, extra: { [K in keyof ProgrammeProblem]?: ProgrammeProblem[K] | undefined } = {}): ProgrammeProblem {
  const p: Record<string, unknown> = {
    meeting_id: meetingId,
    rule: 'delegation_presence',
    message: `delegation CHN has not arrived by the start of meeting ${meetingId}`,
    delegation_id: 'd-chn',
    title: `Meeting ${meetingId}`,
    starts_at: '2024-07-03T07:00:00Z',
    ends_at: '2024-07-03T08:15:00Z',
    delegation_ids: ['d-kaz', 'd-chn'],
    ...extra,
  }
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k]
  return p as ProgrammeProblem
}

/** impact is one problem a change would create, as PATCH/PUT …?dry_run=1 answers it. */
export function impact(
  meetingId: string,
  rule: Impact['rule'] = 'delegation_presence',
  message = `China has not arrived by the start of ${meetingId}`,
): Impact {
  return { meeting_id: meetingId, rule, message, title: `Meeting ${meetingId}`, starts_at: '2024-07-03T07:00:00Z' }
}

/** eventStream is a live stream (GET /api/v1/stream) a test sends events down. */
export function eventStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  let id = 0
  const handler: Handler = () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          controller = c
        },
      }),
      { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
    )
  return {
    handler,
    /** whether the app has opened the stream */
    open: () => controller !== undefined,
    send(event: object) {
      id++
      controller?.enqueue(new TextEncoder().encode(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`))
    },
  }
}
