// useMeetingCheck, the meeting dialog's live rule check: a debounced query.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeServer, json } from '../test/fakeServer.ts'
import { CHECK_DELAY_MS, makeQueryClient, useMeetingCheck } from './queries.ts'
import type { CheckResult, Conflict, MeetingWrite } from './types.ts'

afterEach(cleanup)

const sleep = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)))

function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
}

function body(over: Partial<MeetingWrite> = {}): MeetingWrite {
  return {
    title: 'Talks',
    kind: 'bilateral',
    status: 'draft',
    visibility: 'participants',
    starts_at: '2024-07-03T06:00:00Z',
    ends_at: '2024-07-03T06:45:00Z',
    room_id: 'r1',
    participants: [{ delegation_id: 'd-kaz' }, { delegation_id: 'd-chn' }],
    languages: [],
    expected_attendance: 0,
    allow: [],
    ...over,
  }
}

const overlap: Conflict = { rule: 'room_overlap', message: 'Room Oval Hall is already booked.', room_id: 'r1' }
const capacity: Conflict = { rule: 'room_capacity', message: 'Room Oval Hall seats 30.', room_id: 'r1' }
const verdict = (title: string): CheckResult => ({ conflicts: [{ ...overlap, message: `about ${title}` }], warnings: [capacity] })

/** manualServer answers each check only when told to (even after the request was aborted); a status other than 200 answers a problem. */
function manualServer() {
  const sent: { title: string; signal: AbortSignal; answer: (r: CheckResult | number) => void }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (_input: RequestInfo | URL, init: RequestInit = {}) =>
        new Promise<Response>((resolve) => {
          const b = JSON.parse(String(init.body)) as MeetingWrite
          sent.push({
            title: b.title ?? '',
            signal: init.signal!,
            answer: (r) =>
              resolve(typeof r === 'number' ? json(r, { type: 'x', title: 'Problem', status: r, detail: 'no' }) : json(200, r)),
          })
        }),
    ),
  )
  return sent
}

function renderCheck(first: MeetingWrite | null, meetingId?: string) {
  const client = makeQueryClient()
  const hook = renderHook(({ b }: { b: MeetingWrite | null }) => useMeetingCheck(b, meetingId), {
    initialProps: { b: first },
    wrapper: wrapper(client),
  })
  return { client, ...hook }
}

describe('the live rule check', () => {
  it('sends one check once typing stops, with the last body, and shows its verdict', async () => {
    const { calls } = fakeServer({
      'POST /api/v1/meetings/check': ({ body: b }) => ({ body: verdict((b as MeetingWrite).title ?? '') }),
    })
    const { result, rerender } = renderCheck(body({ title: 'T' }))
    // Typing: a key every 150 ms, for longer than the delay.
    for (const title of ['Ta', 'Tal', 'Talk', 'Talks']) {
      await sleep(150)
      rerender({ b: body({ title }) })
    }
    expect(calls).toHaveLength(0)
    expect(result.current.result).toBeNull()
    await waitFor(() => expect(result.current.result).toEqual(verdict('Talks')))
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/v1/meetings/check'])
    expect(calls[0]?.body).toEqual(body({ title: 'Talks' }))
    expect(calls[0]?.url.searchParams.has('meeting_id')).toBe(false)
    expect(result.current.checking).toBe(false)

    // The same body again (a new object, as after every keystroke) asks nothing.
    rerender({ b: body({ title: 'Talks' }) })
    await sleep(CHECK_DELAY_MS + 100)
    expect(calls).toHaveLength(1)
  })

  it('aborts the check of a body that has since changed and never shows its late answer', async () => {
    const sent = manualServer()
    const { result, rerender } = renderCheck(body({ title: 'First' }))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(result.current.checking).toBe(true)

    rerender({ b: body({ title: 'Second' }) })
    await waitFor(() => expect(sent).toHaveLength(2))
    expect(sent[0]?.signal.aborted).toBe(true)
    expect(sent[1]?.signal.aborted).toBe(false)

    // The first answer comes late: it is not shown.
    sent[0]?.answer(verdict('First'))
    await sleep(50)
    expect(result.current.result).toBeNull()
    expect(result.current.checking).toBe(true)

    sent[1]?.answer(verdict('Second'))
    await waitFor(() => expect(result.current.result).toEqual(verdict('Second')))
    expect(result.current.checking).toBe(false)
  })

  it('keeps the last verdict while the next body is checked, and after a 422 (an incomplete form); other failures leave none', async () => {
    const sent = manualServer()
    const { result, rerender } = renderCheck(body({ title: 'A' }))
    await waitFor(() => expect(sent).toHaveLength(1))
    sent[0]?.answer(verdict('A'))
    await waitFor(() => expect(result.current.result).toEqual(verdict('A')))

    // While the next body is checked, A's verdict stays; a 422 leaves it standing.
    rerender({ b: body({ title: 'incomplete' }) })
    await waitFor(() => expect(sent).toHaveLength(2))
    await waitFor(() => expect(result.current.checking).toBe(true))
    expect(result.current.result).toEqual(verdict('A'))
    sent[1]?.answer(422)
    await waitFor(() => expect(result.current.checking).toBe(false))
    expect(result.current.result).toEqual(verdict('A'))

    // Any other failure leaves no verdict, and is not retried.
    rerender({ b: body({ title: 'broken' }) })
    await waitFor(() => expect(sent).toHaveLength(3))
    sent[2]?.answer(500)
    await waitFor(() => expect(result.current.result).toBeNull())
    await sleep(50)
    expect(sent).toHaveLength(3)

    // ...nor while the next body is checked.
    rerender({ b: body({ title: 'B' }) })
    await waitFor(() => expect(sent).toHaveLength(4))
    await waitFor(() => expect(result.current.checking).toBe(true))
    expect(result.current.result).toBeNull()
    sent[3]?.answer(verdict('B'))
    await waitFor(() => expect(result.current.result).toEqual(verdict('B')))
  })

  it('checks nothing until both times are set, names the meeting being edited, and checks an untitled meeting as “…”', async () => {
    const { calls } = fakeServer({ 'POST /api/v1/meetings/check': { conflicts: [], warnings: [] } })
    const { result, rerender } = renderCheck(body({ title: '', ends_at: '' }), 'm-talks')
    await sleep(CHECK_DELAY_MS + 100)
    expect(calls).toHaveLength(0)
    expect(result.current.checking).toBe(false)

    rerender({ b: body({ title: '' }) })
    await waitFor(() => expect(result.current.result).toEqual({ conflicts: [], warnings: [] }))
    expect(calls).toHaveLength(1)
    expect(calls[0]?.url.searchParams.get('meeting_id')).toBe('m-talks')
    expect((calls[0]?.body as MeetingWrite).title).toBe('…')
  })

  it('shows the conflicts a refused save named, until the next body has been checked', async () => {
    let answer = verdict('A')
    fakeServer({ 'POST /api/v1/meetings/check': () => ({ body: answer }) })
    const { result, rerender } = renderCheck(body({ title: 'A' }))
    await waitFor(() => expect(result.current.result).toEqual(verdict('A')))

    const refused: Conflict = { rule: 'member_overlap', message: 'Xi Jinping is already in “Arrival ceremony”.' }
    act(() => result.current.showConflicts([refused]))
    // The server's conflicts, with the check's warnings and suggestions.
    await waitFor(() => expect(result.current.result).toEqual({ conflicts: [refused], warnings: [capacity], suggestions: [] }))

    answer = { conflicts: [], warnings: [] }
    rerender({ b: body({ title: 'B' }) })
    await sleep(CHECK_DELAY_MS / 2)
    expect(result.current.result?.conflicts).toEqual([refused])
    await waitFor(() => expect(result.current.result).toEqual({ conflicts: [], warnings: [] }))
  })
})
