import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BilateralRequest, Meeting, MeetingWrite } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, room, user, venue } from '../test/fakeServer.ts'
import { talks } from '../test/fixtures.ts'

beforeEach(() => {
  window.scrollTo = vi.fn()
  window.localStorage.clear()
})

afterEach(async () => {
  cleanup()
  await leave()
})

const accepted: BilateralRequest = {
  id: 'req1',
  from_delegation_id: 'd-kaz',
  to_delegation_id: 'd-chn',
  duration_minutes: 30,
  priority: 2,
  earliest: null,
  latest: null,
  note: 'Transit corridors',
  status: 'accepted',
  meeting_id: null,
  version: 2,
  created_at: '2024-06-01T00:00:00Z',
  updated_at: '2024-06-01T00:00:00Z',
}

describe('booking an accepted request', () => {
  it('opens the meeting dialog prefilled, links the request, and shows it scheduled after saving', async () => {
    let request = accepted
    const posts: MeetingWrite[] = []
    visitAs(user('organiser'), '/requests', {
      'GET /api/v1/bilateral-requests': () => ({ body: { items: [request] } }),
      'GET /api/v1/delegations': {
        items: [
          { ...delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), languages: ['kk', 'ru'] },
          { ...delegation('d-chn', 'CHN', 'China', 5), languages: ['zh'] },
        ],
      },
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Golden Hall')] },
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/members': { items: [] },
      'POST /api/v1/meetings/check': { conflicts: [], warnings: [] },
      'POST /api/v1/meetings': ({ body }) => {
        const b = body as MeetingWrite
        posts.push(b)
        const saved: Meeting = { ...talks, ...b, id: 'm-new', status: 'draft', request_id: b.request_id ?? null } as Meeting
        request = { ...accepted, status: 'scheduled', meeting_id: saved.id, version: 3 }
        return { status: 201, body: saved }
      },
    })
    const table = await screen.findByRole('table', { name: 'Bilateral requests' })
    fireEvent.click(await within(table).findByRole('button', { name: /^Book…\s*Kazakhstan/ }))
    const dialog = screen.getByRole('dialog', { name: 'New meeting' })
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe('Talks: Kazakhstan – China')
    expect((within(dialog).getByLabelText('Kind') as HTMLSelectElement).value).toBe('bilateral')
    expect((within(dialog).getByLabelText('Day') as HTMLInputElement).value).toBe('2024-07-03')
    expect((within(dialog).getByLabelText('Starts') as HTMLInputElement).value).toBe('10:00')
    expect((within(dialog).getByLabelText('Ends') as HTMLInputElement).value).toBe('10:30') // the requested 30 minutes
    expect((within(dialog).getByLabelText('Languages') as HTMLInputElement).value).toBe('kk, zh')
    expect((within(dialog).getByRole('checkbox', { name: 'Kazakhstan' }) as HTMLInputElement).checked).toBe(true)
    expect((within(dialog).getByRole('checkbox', { name: 'China' }) as HTMLInputElement).checked).toBe(true)

    await within(dialog).findByRole('option', { name: /Golden Hall/ })
    fireEvent.change(within(dialog).getByLabelText('Room'), { target: { value: 'r1' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Book meeting' }))
    await waitFor(() => expect(posts).toHaveLength(1))
    expect(posts[0]).toMatchObject({
      title: 'Talks: Kazakhstan – China',
      kind: 'bilateral',
      starts_at: '2024-07-03T05:00:00Z',
      ends_at: '2024-07-03T05:30:00Z',
      room_id: 'r1',
      participants: [{ delegation_id: 'd-kaz' }, { delegation_id: 'd-chn' }],
      languages: ['kk', 'zh'],
      request_id: 'req1',
    })
    // The request list is read again: scheduled now, nothing left to book.
    expect(await within(table).findByText('Scheduled', { selector: '.chip' })).toBeTruthy()
    expect(within(table).queryByRole('button', { name: /^Book…/ })).toBeNull()
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('is not offered for a pending request, nor to a delegate', async () => {
    visitAs(user('delegate', { delegation_id: 'd-kaz' }), '/requests', {
      'GET /api/v1/bilateral-requests': { items: [accepted] },
      'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
    })
    await screen.findByRole('button', { name: /Outgoing/ })
    fireEvent.click(screen.getByRole('button', { name: /Outgoing/ }))
    expect(await screen.findByText('Transit corridors')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /^Book…/ })).toBeNull()
    cleanup()
    await leave()
    visitAs(user('organiser'), '/requests', {
      'GET /api/v1/bilateral-requests': { items: [{ ...accepted, status: 'pending' }] },
      'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
    })
    expect(await screen.findByRole('button', { name: /^Accept\s*Kazakhstan/ })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /^Book…/ })).toBeNull()
  })
})
