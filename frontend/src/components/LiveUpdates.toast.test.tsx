import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AgendaItem, Meeting } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { eventStream, user } from '../test/fakeServer.ts'
import { talks } from '../test/fixtures.ts'

beforeEach(() => {
  window.scrollTo = vi.fn()
  window.localStorage.clear()
})

afterEach(async () => {
  cleanup()
  await leave()
})

const delegate = user('delegate')
// 12:00–13:15 in Astana, in the Golden Hall.
const item: AgendaItem = {
  meeting_id: talks.id,
  title: talks.title,
  kind: 'bilateral',
  status: 'confirmed',
  visibility: 'participants',
  starts_at: talks.starts_at,
  ends_at: talks.ends_at,
  room_id: 'r1',
  room_name: 'Golden Hall',
  venue_id: 'v1',
  venue_name: 'Akorda',
  version: talks.version,
}

describe('a change someone else makes', () => {
  it('is told in a toast old → new, and highlighted in the agenda until seen, across a reload', async () => {
    const moved: Meeting = { ...talks, starts_at: '2024-07-03T07:15:00Z', ends_at: '2024-07-03T08:30:00Z', room_id: 'r2', version: 4 }
    let agenda = [item]
    const stream = eventStream()
    const routes = {
      'GET /api/v1/agenda': () => ({ body: { items: agenda } }),
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/meetings/m1': moved,
      'GET /api/v1/stream': stream.handler,
    }
    visitAs(delegate, '/agenda', routes)
    await screen.findByText(talks.title)
    await waitFor(() => expect(stream.open()).toBe(true))

    agenda = [{ ...item, starts_at: moved.starts_at, ends_at: moved.ends_at, room_id: 'r2', room_name: 'Oval Hall', version: 4 }]
    stream.send({ type: 'meeting.updated', id: 'm1', version: 4, actor_id: 'u-organiser', actor_name: 'Demo organiser' })

    const toast = await screen.findByTestId('toast')
    expect(toast.textContent).toContain(
      'Meeting “Talks: Kazakhstan – China” was moved by Demo organiser: 12:00–13:15 → 12:15–13:30, now in Oval Hall.',
    )
    const entry = (await screen.findByText('“Talks: Kazakhstan – China” was changed since you last looked')).closest('li') as HTMLElement
    expect(entry.className).toContain('agenda-item--changed')
    expect(within(entry).getByText('12:15')).toBeTruthy()
    expect(within(entry).getByText('before: 12:00–13:15, Golden Hall')).toBeTruthy()

    // A reload keeps it.
    cleanup()
    visitAs(delegate, '/agenda', { ...routes, 'GET /api/v1/stream': () => ({ status: 401, body: {} }) })
    const again = (await screen.findByText('“Talks: Kazakhstan – China” was changed since you last looked')).closest('li') as HTMLElement
    fireEvent.click(within(again).getByRole('button', { name: 'Mark “Talks: Kazakhstan – China” as seen' }))
    await waitFor(() => expect(screen.queryByText(/was changed since you last looked/)).toBeNull())
    expect(screen.getByText(talks.title).closest('li')?.className).not.toContain('agenda-item--changed')
    expect(window.localStorage.getItem('summit.changed.u-delegate')).toBeNull()
  })

  it('is forgotten once the entry is clicked, and not marked for one’s own changes', async () => {
    const stream = eventStream()
    visitAs(delegate, '/agenda', {
      'GET /api/v1/agenda': { items: [item] },
      'GET /api/v1/delegations': { items: [] },
      'GET /api/v1/meetings/m1': { ...talks, version: 4 },
      'GET /api/v1/stream': stream.handler,
    })
    await screen.findByText(talks.title)
    await waitFor(() => expect(stream.open()).toBe(true))
    stream.send({ type: 'meeting.updated', id: 'm1', version: 4, actor_id: delegate.id })
    stream.send({ type: 'meeting.updated', id: 'm1', version: 5, actor_id: 'u-organiser', actor_name: 'Demo organiser' })
    expect((await screen.findByTestId('toast')).textContent).toContain('was changed by Demo organiser')
    const entry = (await screen.findByText(/was changed since you last looked/)).closest('li') as HTMLElement
    fireEvent.click(entry)
    await waitFor(() => expect(screen.queryByText(/was changed since you last looked/)).toBeNull())
  })
})
