import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Meeting, Proposal } from '../api/types.ts'
import { delegation, fakeServer, room, summit, venue } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import Scheduler from './Scheduler.tsx'

afterEach(cleanup)
beforeEach(() => window.history.replaceState(null, '', '/planning/scheduler'))

function meeting(id: string, status: Meeting['status']): Meeting {
  return {
    id,
    title: `Talks ${id}`,
    kind: 'bilateral',
    starts_at: '2024-07-03T07:00:00Z',
    ends_at: '2024-07-03T08:00:00Z',
    room_id: 'r1',
    status,
    visibility: 'participants',
    languages: [],
    expected_attendance: 10,
    participants: [{ delegation_id: 'd-chn' }, { delegation_id: 'd-rus' }],
    allow: [],
    request_id: null,
    version: 1,
    created_at: '2024-06-01T00:00:00Z',
    updated_at: '2024-06-01T00:00:00Z',
  }
}

const base: Proposal = {
  id: 'p1',
  status: 'running',
  progress: { done: 3, total: 10, best: 4, upper_bound: 9 },
  from: '2024-07-03T03:00:00Z',
  to: '2024-07-04T19:00:00Z',
  placements: [],
  unplaced: [],
  objective: 0,
  meeting_ids: [],
}

describe('the scheduler page', () => {
  it('runs a proposal without waiting, shows its progress, then its placements and the reasons for the rest', async () => {
    let polls = 0
    let posted: unknown
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall')] },
      'GET /api/v1/delegations': { items: [delegation('d-chn', 'CHN', 'China', 5), delegation('d-rus', 'RUS', 'Russia', 8), delegation('d-mng', 'MNG', 'Mongolia', 11)] },
      'GET /api/v1/bilateral-requests': {
        items: [
          { id: 'q1', from_delegation_id: 'd-chn', to_delegation_id: 'd-rus', duration_minutes: 60, priority: 5, earliest: null, latest: null, note: '', status: 'accepted', meeting_id: null, version: 1, created_at: '', updated_at: '' },
          { id: 'q2', from_delegation_id: 'd-chn', to_delegation_id: 'd-mng', duration_minutes: 30, priority: 3, earliest: null, latest: null, note: '', status: 'accepted', meeting_id: null, version: 1, created_at: '', updated_at: '' },
        ],
      },
      'POST /api/v1/scheduler/proposals': ({ body }) => {
        posted = body
        return { status: 202, body: base }
      },
      'GET /api/v1/scheduler/proposals': () => ({
        body: {
          items: [{ id: 'p1', status: polls < 2 ? 'running' : 'ready', created_at: '2024-07-02T10:00:00Z', from: base.from, to: base.to, placed: polls < 2 ? 0 : 1, unplaced: polls < 2 ? 0 : 1, objective: 5 }],
        },
      }),
      'GET /api/v1/scheduler/proposals/p1': () => {
        polls++
        if (polls < 2) return { body: base }
        return {
          body: {
            ...base,
            status: 'ready',
            progress: { done: 10, total: 10 },
            placements: [{ request_id: 'q1', room_id: 'r1', starts_at: '2024-07-03T09:00:00Z', ends_at: '2024-07-03T10:00:00Z' }],
            unplaced: [{ request_id: 'q2', reason: 'no room with zh and mn interpretation and 8 seats' }],
            objective: 5,
            stats: { upper_bound: 8 },
          },
        }
      },
    })
    renderWithProviders(<Scheduler />)
    expect(await screen.findByText('Accepted requests waiting for a slot: 2.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Propose a plan' }))

    const bar = await screen.findByRole('progressbar')
    expect(bar.getAttribute('value')).toBe('3')
    expect(bar.getAttribute('max')).toBe('10')
    expect(screen.getByText('3 of 10 steps')).toBeTruthy()
    expect(screen.getByText('Best so far 4 of at most 9.')).toBeTruthy()
    expect(posted).toMatchObject({ from: '2024-07-03T03:00:00Z', to: '2024-07-04T19:00:00Z', wait: false })
    expect(window.location.search).toBe('?proposal=p1')

    expect(await screen.findByText('Requests placed: 1 of 2 (priority points: 5).', { exact: false }, { timeout: 3000 })).toBeTruthy()
    expect(screen.getByText('No plan can score more than 8.', { exact: false })).toBeTruthy()
    expect(screen.queryByText('Optimal', { exact: false })).toBeNull()
    expect(screen.getByRole('cell', { name: 'China → Russia' })).toBeTruthy()
    // 09:00Z is 14:00 in Astana.
    expect(screen.getByRole('cell', { name: /Wed 3 Jul 14:00–15:00/ })).toBeTruthy()
    expect(screen.getByText('China → Mongolia')).toBeTruthy()
    expect(screen.getByText(/no room with zh and mn interpretation/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Book as draft meetings: 1' })).toBeTruthy()
    // The recent proposals follow: the one shown is ready there too, with what it placed.
    expect(await screen.findByText('1 of 2', { exact: false })).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Recent proposals' }).textContent).toContain('Ready')
  })

  it('lists the recent proposals and opens one', async () => {
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall')] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/bilateral-requests': { items: [] },
      'GET /api/v1/scheduler/proposals': {
        items: [
          { id: 'p2', status: 'ready', created_at: '2024-07-02T10:00:00Z', from: '2024-07-03T03:00:00Z', to: '2024-07-04T19:00:00Z', placed: 7, unplaced: 2, objective: 20 },
          { id: 'p1', status: 'applied', created_at: '2024-07-02T09:00:00Z', applied_at: '2024-07-02T09:05:00Z', from: '2024-07-03T03:00:00Z', to: '2024-07-04T19:00:00Z', placed: 5, unplaced: 0, objective: 15 },
        ],
      },
      'GET /api/v1/scheduler/proposals/p2': { ...base, id: 'p2', status: 'ready', objective: 20, stats: { upper_bound: 20, optimal: true } },
    })
    renderWithProviders(<Scheduler />)
    expect(await screen.findByRole('heading', { name: 'Recent proposals' })).toBeTruthy()
    expect(screen.getByText('7 of 9', { exact: false })).toBeTruthy()
    expect(screen.getByText('Applied')).toBeTruthy()
    // 10:00Z is 15:00 in Astana.
    expect(screen.getByRole('cell', { name: /15:00/ })).toBeTruthy()
    fireEvent.click(screen.getAllByRole('button', { name: 'Open' })[0]!)
    expect(window.location.search).toBe('?proposal=p2')
    expect(await screen.findByText('Requests placed: 0 of 0 (priority points: 20).', { exact: false })).toBeTruthy()
    expect(screen.getByText('Optimal: no plan can score more.', { exact: false })).toBeTruthy()
    expect(screen.getByText('Shown above')).toBeTruthy()
  })

  it('shows the server’s field errors at the fields, in the user’s language', async () => {
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [] },
      'GET /api/v1/rooms': { items: [] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/bilateral-requests': { items: [] },
      'POST /api/v1/scheduler/proposals': () => ({
        status: 422,
        body: {
          type: 'about:blank',
          title: 'Unprocessable Entity',
          status: 422,
          detail: 'The request has invalid fields.',
          errors: [{ field: 'to', message: 'plan at most 31 days at once' }],
        },
      }),
    })
    renderWithProviders(<Scheduler />, { lang: 'kk' })
    fireEvent.click(await screen.findByRole('button', { name: 'Жоспар ұсыну' }))
    const to = screen.getByLabelText('Дейін')
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Бір жолы ең көбі 31 күн жоспарлауға болады')
    expect(screen.getByRole('alert').textContent).toBe('Белгіленген өрістерді түзетіңіз.')
  })

  it('confirms the meetings an applied proposal booked, in one request, and does not offer it again once they are confirmed', async () => {
    window.history.replaceState(null, '', '/planning/scheduler?proposal=p1')
    let sent: unknown
    const status: Record<string, Meeting['status']> = { m1: 'draft', m2: 'draft' }
    const routes = {
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall')] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/bilateral-requests': { items: [] },
      'GET /api/v1/scheduler/proposals': { items: [] },
      'GET /api/v1/scheduler/proposals/p1': { ...base, status: 'applied', applied_at: '2024-07-02T10:00:00Z', meeting_ids: ['m1', 'm2'] },
      'GET /api/v1/meetings/m1': () => ({ body: meeting('m1', status.m1!) }),
      'GET /api/v1/meetings/m2': () => ({ body: meeting('m2', status.m2!) }),
      'POST /api/v1/meetings/confirm': ({ body }: { body: unknown }) => {
        sent = body
        status.m1 = status.m2 = 'confirmed'
        return { body: { items: [meeting('m1', 'confirmed'), meeting('m2', 'confirmed')] } }
      },
    }
    fakeServer(routes)
    renderWithProviders(<Scheduler />)
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm these 2 meetings' }))
    expect(await screen.findByText('Confirmed: 2 meetings.')).toBeTruthy()
    expect(sent).toEqual({ meeting_ids: ['m1', 'm2'] })
    expect(screen.queryByRole('button', { name: 'Confirm these 2 meetings' })).toBeNull()

    // After a reload the proposal's meetings are read confirmed: no button again.
    cleanup()
    fakeServer(routes)
    renderWithProviders(<Scheduler />)
    expect(await screen.findByText('Confirmed')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Confirm these 2 meetings' })).toBeNull()
  })

  it('offers the confirmation while a meeting of the applied proposal is still a draft', async () => {
    window.history.replaceState(null, '', '/planning/scheduler?proposal=p1')
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall')] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/bilateral-requests': { items: [] },
      'GET /api/v1/scheduler/proposals': { items: [] },
      'GET /api/v1/scheduler/proposals/p1': { ...base, status: 'applied', applied_at: '2024-07-02T10:00:00Z', meeting_ids: ['m1', 'm2'] },
      'GET /api/v1/meetings/m1': meeting('m1', 'confirmed'),
      'GET /api/v1/meetings/m2': meeting('m2', 'draft'),
    })
    renderWithProviders(<Scheduler />)
    expect(await screen.findByRole('button', { name: 'Confirm these 2 meetings' })).toBeTruthy()
  })
})
