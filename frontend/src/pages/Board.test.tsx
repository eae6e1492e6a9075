import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Meeting } from '../api/types.ts'
import { delegation, fakeServer, json, room, summit, venue } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import Board from './Board.tsx'
import { talks } from '../test/fixtures.ts'

afterEach(cleanup)
beforeEach(() => {
  window.history.replaceState(null, '', '/planning/board?day=2024-07-03')
})


function server(patch: (body: unknown, ifMatch: string | null) => { status?: number; body?: unknown }) {
  return fakeServer({
    'GET /api/v1/summit': summit,
    'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
    'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Golden Hall')] },
    'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
    'GET /api/v1/meetings': { items: [talks] },
    'PATCH /api/v1/meetings/m1': ({ body, init }) => patch(body, new Headers(init.headers).get('If-Match')),
  })
}

describe('the planning board', () => {
  it('sends a move as PATCH with If-Match and shows the new time', async () => {
    const seen: { body: unknown; ifMatch: string | null }[] = []
    server((body, ifMatch) => {
      seen.push({ body, ifMatch })
      return { body: { ...talks, ...(body as object), version: 4 } }
    })
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    const block = await screen.findByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China, Golden Hall/ })
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    expect(await screen.findByText('“Talks: Kazakhstan – China” now 12:05–13:20.')).toBeTruthy()
    expect(seen).toEqual([{ body: { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' }, ifMatch: '"3"' }])
  })

  it('snaps a block back and says why when someone else changed the meeting (412)', async () => {
    server(() => ({
      status: 412,
      body: { type: 'x', title: 'Precondition Failed', status: 412, detail: 'changed by someone else' },
    }))
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    const block = await screen.findByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China,/ })
    const left = block.style.left
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    expect(
      await screen.findByText(/“Talks: Kazakhstan – China” was not moved: someone else changed it in the meantime/),
    ).toBeTruthy()
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China,/ }).style.left).toBe(left),
    )
  })

  it('snaps back on a 409 and explains the conflict in the server’s words', async () => {
    server(() => ({
      status: 409,
      body: {
        type: 'x',
        title: 'Conflict',
        status: 409,
        detail: 'The meeting breaks 1 rule.',
        conflicts: [{ rule: 'member_overlap', message: 'Xi Jinping is already in “Arrival ceremony” at that time.' }],
      },
    }))
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    const block = await screen.findByRole('button', { name: /Talks: Kazakhstan – China,/ })
    fireEvent.keyDown(block, { key: 'ArrowLeft', altKey: true })
    expect(await screen.findByText(/was not moved: Xi Jinping is already in “Arrival ceremony” at that time\./)).toBeTruthy()
    expect(screen.getByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China,/ })).toBeTruthy()
  })

  it('filters by delegation and kind', async () => {
    server(() => ({}))
    const onlyTurkey = new URLSearchParams('day=2024-07-03&delegation=d-tur')
    renderWithProviders(<Board search={onlyTurkey} />)
    expect(await screen.findByText('Meetings shown: 0 of 1.', { exact: false })).toBeTruthy()
    cleanup()
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03&delegation=d-chn&kind=bilateral')} />)
    expect(await screen.findByText('Meetings shown: 1 of 1.', { exact: false })).toBeTruthy()
    vi.restoreAllMocks()
  })
})

describe('moving a meeting twice quickly', () => {
  /** A server that, like the real one, refuses a stale If-Match and answers each PATCH after a moment. */
  function versionedServer(refuse?: (n: number) => { status: number; body: unknown } | undefined) {
    let current: Meeting = { ...talks }
    const seen: { body: unknown; ifMatch: string | null }[] = []
    const api = fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Golden Hall')] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/meetings': () => ({ body: { items: [current] } }),
    })
    const base = api.fetchMock.getMockImplementation()!
    api.fetchMock.mockImplementation(async (input, init = {}) => {
      const url = new URL(String(input), 'http://localhost')
      if (init.method !== 'PATCH' || url.pathname !== '/api/v1/meetings/m1') return base(input, init)
      const body = JSON.parse(String(init.body)) as Partial<Meeting>
      const ifMatch = new Headers(init.headers).get('If-Match')
      seen.push({ body, ifMatch })
      await new Promise((r) => setTimeout(r, 20))
      const refused = refuse?.(seen.length)
      if (refused) return json(refused.status, refused.body)
      if (ifMatch !== `"${current.version}"`) {
        return json(412, { type: 'x', title: 'Precondition Failed', status: 412, detail: 'stale' })
      }
      current = { ...current, ...body, version: current.version + 1 }
      return json(200, current)
    })
    return { seen, now: () => current }
  }

  it('sends the second move with the version the first one answered, not as stale', async () => {
    const { seen, now } = versionedServer()
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    const block = await screen.findByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China,/ })
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    // Both steps show at once.
    expect(await screen.findByRole('button', { name: /^12:10–13:25 Talks: Kazakhstan – China,/ })).toBe(block)
    expect(await screen.findByText('“Talks: Kazakhstan – China” now 12:10–13:25.')).toBeTruthy()
    expect(seen).toEqual([
      { body: { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' }, ifMatch: '"3"' },
      { body: { starts_at: '2024-07-03T07:10:00Z', ends_at: '2024-07-03T08:25:00Z' }, ifMatch: '"4"' },
    ])
    expect(now()).toMatchObject({ version: 5, starts_at: '2024-07-03T07:10:00Z' })
    expect(screen.queryByText(/was not moved/)).toBeNull()
    // And a third press later goes on from version 5.
    fireEvent.keyDown(screen.getByRole('button', { name: /^12:10–13:25 Talks/ }), { key: 'ArrowRight', altKey: true })
    expect(await screen.findByText('“Talks: Kazakhstan – China” now 12:15–13:30.')).toBeTruthy()
    expect(seen[2]?.ifMatch).toBe('"5"')
  })

  it('drops the moves queued behind a refused one and snaps back to what the server has', async () => {
    const conflict = {
      status: 409,
      body: {
        type: 'x',
        title: 'Conflict',
        status: 409,
        detail: 'The meeting breaks 1 rule.',
        conflicts: [{ rule: 'member_overlap', message: 'Xi Jinping is already in “Arrival ceremony” at that time.' }],
      },
    }
    const { seen } = versionedServer((n) => (n === 1 ? conflict : undefined))
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    const block = await screen.findByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China,/ })
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    fireEvent.keyDown(block, { key: 'ArrowRight', altKey: true })
    expect(await screen.findByText(/was not moved: Xi Jinping is already in “Arrival ceremony” at that time\./)).toBeTruthy()
    await waitFor(() => expect(screen.getByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China,/ })).toBeTruthy())
    await new Promise((r) => setTimeout(r, 60))
    expect(seen).toHaveLength(1)
  })

  it('draws a proposal’s placements of the day dashed, not movable, with a way back to it', async () => {
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Golden Hall')] },
      'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
      'GET /api/v1/meetings': { items: [talks] },
      'GET /api/v1/bilateral-requests': {
        items: [
          { id: 'q1', from_delegation_id: 'd-chn', to_delegation_id: 'd-kaz', duration_minutes: 30, priority: 3, earliest: null, latest: null, note: '', status: 'accepted', meeting_id: null, version: 1, created_at: '', updated_at: '' },
        ],
      },
      'GET /api/v1/scheduler/proposals/p1': {
        id: 'p1',
        status: 'ready',
        from: '2024-07-03T03:00:00Z',
        to: '2024-07-04T19:00:00Z',
        placements: [
          { request_id: 'q1', room_id: 'r1', starts_at: '2024-07-03T09:00:00Z', ends_at: '2024-07-03T09:30:00Z' },
          { request_id: 'q2', room_id: 'r1', starts_at: '2024-07-04T09:00:00Z', ends_at: '2024-07-04T09:30:00Z' },
        ],
        unplaced: [],
        objective: 6,
        meeting_ids: [],
      },
    })
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03&proposal=p1')} />)
    // 09:00Z is 14:00 in Astana; the other placement is on 4 July.
    const proposed = await screen.findByRole('note', { name: 'Proposed, not booked: 14:00–14:30 China → Kazakhstan' })
    expect(proposed.closest('[data-room]')?.getAttribute('data-room')).toBe('r1')
    expect(screen.getAllByRole('note')).toHaveLength(1)
    expect(screen.getByText(/1 of its 2 placements fall on this day/)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Back to the proposal' }).getAttribute('href')).toBe('/planning/scheduler?proposal=p1')
    // The booked meeting is still a button; the proposed one is not.
    expect(screen.queryAllByRole('button', { name: /China → Kazakhstan/ })).toHaveLength(0)
    expect(screen.getByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China/ })).toBeTruthy()
  })
})

describe('running late from the board', () => {
  function lateServer() {
    const shifts: unknown[] = []
    let meetings = [talks]
    const api = fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Golden Hall')] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/members': { items: [] },
      'GET /api/v1/meetings': () => ({ body: { items: meetings } }),
      'POST /api/v1/meetings/check': { conflicts: [], warnings: [] },
      'POST /api/v1/meetings/shift': ({ body }) => {
        shifts.push(body)
        const moved = { ...talks, starts_at: '2024-07-03T07:15:00Z', ends_at: '2024-07-03T08:30:00Z', version: 4 }
        if (!(body as { dry_run?: boolean }).dry_run) meetings = [moved]
        return { body: { moved: [moved] } }
      },
    })
    return { ...api, shifts }
  }

  it('runs a room late from its name, and the board shows the new times', async () => {
    const { shifts } = lateServer()
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Running late in Golden Hall…' }))
    const dialog = screen.getByRole('dialog', { name: 'Running late: Golden Hall' })
    expect(await within(dialog).findByText('12:00–13:15 → 12:15–13:30')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }))
    expect(await screen.findByText('Meetings moved in Golden Hall: 1.')).toBeTruthy()
    expect(await screen.findByRole('button', { name: /^12:15–13:30 Talks: Kazakhstan – China/ })).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(shifts).toEqual([
      { room_id: 'r1', from: '2024-07-03T07:00:00Z', minutes: 15, allow: [], dry_run: true },
      { room_id: 'r1', from: '2024-07-03T07:00:00Z', minutes: 15, allow: [] },
    ])
  })

  it('offers running late from a meeting’s dialog, from that meeting’s start', async () => {
    lateServer()
    renderWithProviders(<Board search={new URLSearchParams('day=2024-07-03')} />)
    fireEvent.click(await screen.findByRole('button', { name: /^12:00–13:15 Talks: Kazakhstan – China/ }))
    const edit = screen.getByRole('dialog', { name: 'Edit meeting' })
    fireEvent.click(within(edit).getByRole('button', { name: 'Running late…' }))
    const dialog = screen.getByRole('dialog', { name: 'Running late: Golden Hall' })
    expect((within(dialog).getByLabelText(/Meetings starting from/) as HTMLInputElement).value).toBe('12:00')
    expect(screen.queryByRole('dialog', { name: 'Edit meeting' })).toBeNull()
  })
})
