import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuditEntry } from '../api/types.ts'
import { leave, visitAs } from '../test/app.tsx'
import { delegation, room, user, venue } from '../test/fakeServer.ts'
import { changesOf } from './Audit.tsx'

beforeEach(() => {
  window.scrollTo = vi.fn()
  window.localStorage.clear()
})

afterEach(async () => {
  cleanup()
  await leave()
})

const admin = user('admin')
const organiser = user('organiser')

function entry(id: number, extra: Partial<AuditEntry>): AuditEntry {
  return {
    id,
    at: '2024-07-03T04:05:00Z',
    actor_id: organiser.id,
    action: 'update',
    entity_type: 'meeting',
    entity_id: `m${id}`,
    before: null,
    after: null,
    ...extra,
  }
}

const summitChange = entry(3, {
  entity_type: 'summit',
  entity_id: 'summit',
  before: { name: 'SCO', day_ends: '22:00', version: 1, updated_at: '2024-06-01T00:00:00Z' },
  after: { name: 'SCO', day_ends: '21:00', version: 2, updated_at: '2024-07-03T04:05:00Z' },
})
const meetingMoved = entry(2, {
  at: '2024-07-02T23:30:00Z',
  actor_id: 'u-someone-else-entirely',
  before: { title: 'Talks: China – Russia', starts_at: '2024-07-03T07:00:00Z' },
  after: { title: 'Talks: China – Russia', starts_at: '2024-07-03T08:00:00Z' },
})
const seed = entry(1, {
  actor_id: null,
  action: 'seed',
  entity_type: 'summit',
  entity_id: 'summit',
  after: { delegations: 24, meetings: 58 },
})

describe('the audit trail', () => {
  it('shows entries in the summit’s time zone with names, actions and what changed, and loads more by cursor', async () => {
    const audit: URL[] = []
    const { calls } = visitAs(admin, '/audit', {
      'GET /api/v1/users': { items: [admin, organiser] },
      'GET /api/v1/audit': ({ url }) => {
        audit.push(url)
        return url.searchParams.get('cursor') === 'c2'
          ? { body: { items: [seed] } }
          : { body: { items: [summitChange, meetingMoved], next_cursor: 'c2' } }
      },
    })
    const table = await screen.findByRole('table', { name: 'Audit trail' })
    const rows = () => within(table).getAllByRole('row').slice(1)
    expect(rows()).toHaveLength(2)
    // 04:05Z is 09:05 in Astana.
    const first = within(rows()[0] as HTMLElement)
    expect(first.getByRole('rowheader').textContent).toBe('3 Jul 2024, 09:05')
    expect(first.getByRole('cell', { name: 'Demo organiser' })).toBeTruthy()
    expect(first.getByRole('cell', { name: 'Changed the settings' })).toBeTruthy()
    expect(first.getByText('Working day ends')).toBeTruthy()
    expect(first.queryByText('day_ends')).toBeNull()
    expect(first.getByText('22:00')).toBeTruthy()
    expect(first.getByText('21:00')).toBeTruthy()
    // Bookkeeping fields are no change worth naming.
    expect(first.queryByText('Version')).toBeNull()
    const second = within(rows()[1] as HTMLElement)
    expect(second.getByText('Talks: China – Russia')).toBeTruthy()
    expect(second.getByRole('cell', { name: 'Moved' })).toBeTruthy()
    expect(second.getByText('Starts')).toBeTruthy()
    expect(second.getByRole('cell', { name: 'User …entirely' })).toBeTruthy()
    expect(second.getByText('3 Jul 2024, 12:00')).toBeTruthy()
    expect(second.getByText('3 Jul 2024, 13:00')).toBeTruthy()
    expect(screen.getAllByText(/Astana time \(UTC\+5\)/).length).toBeGreaterThan(0)
    expect(audit[0]?.searchParams.get('limit')).toBe('50')
    expect(audit[0]?.searchParams.has('cursor')).toBe(false)

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(rows()).toHaveLength(3))
    expect(audit.at(-1)?.searchParams.get('cursor')).toBe('c2')
    const third = within(rows()[2] as HTMLElement)
    expect(third.getByRole('cell', { name: 'System' })).toBeTruthy()
    expect(third.getByRole('cell', { name: 'Demo data loaded' })).toBeTruthy()
    expect(third.getByRole('list').textContent).toBe('Delegations: 24Meetings: 58')
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()
    expect(screen.getByText('No more entries.')).toBeTruthy()
    expect(screen.getByText('Entries shown: 3')).toBeTruthy()

    // The data before and after, on request.
    fireEvent.click(within(rows()[0] as HTMLElement).getByText('Data before and after'))
    const before = await within(rows()[0] as HTMLElement).findByRole('heading', { name: 'Before' })
    expect(before.nextElementSibling?.textContent).toContain('"day_ends": "22:00"')
    expect(calls.filter((c) => c.path === '/api/v1/users')).toHaveLength(1)
  })

  it('sends the filters the server supports, and shows one record’s history', async () => {
    const audit: URL[] = []
    visitAs(admin, '/audit', {
      'GET /api/v1/users': { items: [admin, organiser] },
      'GET /api/v1/audit': ({ url }) => {
        audit.push(url)
        return { body: { items: url.searchParams.get('entity_id') === 'nobody' ? [] : [meetingMoved] } }
      },
    })
    await screen.findByText('Talks: China – Russia')
    fireEvent.change(screen.getByLabelText('Kind of record'), { target: { value: 'meeting' } })
    await waitFor(() => expect(audit.at(-1)?.searchParams.get('entity_type')).toBe('meeting'))
    fireEvent.change(screen.getByLabelText('Who'), { target: { value: organiser.id } })
    await waitFor(() => expect(audit.at(-1)?.searchParams.get('actor_id')).toBe(organiser.id))
    fireEvent.change(screen.getByLabelText('Record ID'), { target: { value: 'nobody' } })
    fireEvent.click(screen.getByRole('button', { name: 'Show' }))
    expect(await screen.findByText('No entries match these filters.')).toBeTruthy()
    expect(audit.at(-1)?.searchParams.get('entity_id')).toBe('nobody')

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    fireEvent.click(await screen.findByRole('button', { name: 'History of Meeting Talks: China – Russia' }))
    await waitFor(() => expect(audit.at(-1)?.searchParams.get('entity_id')).toBe('m2'))
    const last = audit.at(-1)
    expect(last?.searchParams.get('entity_type')).toBe('meeting')
    expect(last?.searchParams.has('actor_id')).toBe(false)
    expect((screen.getByLabelText('Record ID') as HTMLInputElement).value).toBe('m2')
  })

  it('lets an organiser read it without the user list, and keeps it from delegates', async () => {
    const { calls } = visitAs(organiser, '/audit', {
      'GET /api/v1/audit': { items: [summitChange, meetingMoved] },
    })
    const nav = await screen.findByRole('navigation', { name: 'Main' })
    expect(within(nav).getByRole('link', { name: 'Audit trail' }).getAttribute('aria-current')).toBe('page')
    expect(await screen.findByRole('cell', { name: 'You (Demo organiser)' })).toBeTruthy()
    expect(calls.some((c) => c.path === '/api/v1/users')).toBe(false)
    const who = screen.getByLabelText('Who') as HTMLSelectElement
    expect([...who.options].map((o) => o.text)).toEqual(['Anyone', 'You (Demo organiser)'])
    cleanup()
    await leave()

    const delegate = visitAs(user('delegate'), '/audit', { 'GET /api/v1/agenda': { items: [] } })
    const dnav = await screen.findByRole('navigation', { name: 'Main' })
    expect(within(dnav).queryByRole('link', { name: 'Audit trail' })).toBeNull()
    expect(within(dnav).queryByRole('link', { name: 'Summit settings' })).toBeNull()
    expect(await screen.findByRole('heading', { name: 'Not found' })).toBeTruthy()
    expect(delegate.calls.some((c) => c.path === '/api/v1/audit')).toBe(false)
  })
})

describe('a failed sign-in', () => {
  it('is nobody’s action: no “who”, and the action names the email', async () => {
    const failed = entry(4, {
      actor_id: null,
      action: 'login_failed',
      entity_type: 'user',
      entity_id: organiser.id,
      after: { email: 'organiser@summit.test', client: '192.0.2.1' },
    })
    visitAs(admin, '/audit', {
      'GET /api/v1/users': { items: [admin, organiser] },
      'GET /api/v1/audit': { items: [failed] },
    })
    const table = await screen.findByRole('table', { name: 'Audit trail' })
    const row = within(within(table).getAllByRole('row')[1] as HTMLElement)
    expect(row.getByRole('cell', { name: 'Failed sign-in for organiser@summit.test' })).toBeTruthy()
    expect(row.getByRole('cell', { name: '—' })).toBeTruthy()
    expect(row.queryByRole('cell', { name: 'System' })).toBeNull()
    expect(row.queryByRole('cell', { name: 'Demo organiser' })).toBeNull()
  })
})

describe('changesOf', () => {
  it('lists changed fields but not bookkeeping, and the facts of a small new snapshot', () => {
    expect(changesOf({ a: 1, b: [1], version: 1 }, { a: 2, b: [1], version: 2 })).toEqual([{ key: 'a', from: 1, to: 2 }])
    expect(changesOf(null, { client: '127.0.0.1' })).toEqual([{ key: 'client', to: '127.0.0.1' }])
    expect(changesOf(null, { id: 'x', participants: [{ delegation_id: 'd' }] })).toEqual([])
    expect(changesOf({ a: 1 }, null)).toEqual([])
  })
})

describe('names instead of ids', () => {
  it('names rooms, delegations, members, venues and requests from the lists the app reads, and shortens only what is gone', async () => {
    const golden = '0190a1b2-0000-7000-8000-00000000gold'
    const oval = '0190a1b2-0000-7000-8000-00000000oval'
    const gone = '0190a1b2-0000-7000-8000-0000000gone1'
    const request = '0190a1b2-0000-7000-8000-000000000req'
    const meeting = {
      title: 'Talks: China – Russia',
      status: 'confirmed',
      room_id: golden,
      participants: [{ delegation_id: 'd-chn', member_ids: ['mem-wang'] }, { delegation_id: 'd-rus' }],
      request_id: request,
    }
    const moved = entry(7, { before: meeting, after: { ...meeting, room_id: oval } })
    const toGone = entry(6, { entity_id: 'm6', before: meeting, after: { ...meeting, room_id: gone } })
    const scheduled = entry(5, {
      action: 'scheduled',
      entity_type: 'bilateral_request',
      entity_id: request,
      before: { from_delegation_id: 'd-chn', to_delegation_id: 'd-rus', status: 'accepted', meeting_id: '' },
      after: { from_delegation_id: 'd-chn', to_delegation_id: 'd-rus', status: 'scheduled', meeting_id: 'm7' },
    })
    const feed = entry(4, { action: 'rotate_feed_token', entity_type: 'delegation', entity_id: 'd-chn' })
    const roomAdded = entry(3, { action: 'create', entity_type: 'room', entity_id: oval, after: { name: 'Oval Hall', venue_id: 'v-akorda' } })
    visitAs(organiser, '/audit', {
      'GET /api/v1/audit': { items: [moved, toGone, scheduled, feed, roomAdded] },
      'GET /api/v1/delegations': { items: [delegation('d-chn', 'CHN', 'China', 1), delegation('d-rus', 'RUS', 'Russia', 2)] },
      'GET /api/v1/venues': { items: [venue('v-akorda', 'Akorda')] },
      'GET /api/v1/rooms': { items: [room(golden, 'v-akorda', 'Golden Hall'), room(oval, 'v-akorda', 'Oval Hall')] },
      'GET /api/v1/requests': { items: [{ id: request, from_delegation_id: 'd-chn', to_delegation_id: 'd-rus', status: 'scheduled' }] },
      'GET /api/v1/members': ({ url }) => ({
        body: {
          items: url.searchParams.getAll('delegation_id').includes('d-chn')
            ? [{ id: 'mem-wang', delegation_id: 'd-chn', full_name: 'Wang Yi', position: 'Minister', is_head: false }]
            : [],
        },
      }),
    })
    const table = await screen.findByRole('table', { name: 'Audit trail' })
    const row = (n: number) => within(within(table).getAllByRole('row')[n] as HTMLElement)
    await waitFor(() => expect(row(1).getByText('Golden Hall')).toBeTruthy())
    expect(row(1).getByRole('cell', { name: 'Moved' })).toBeTruthy()
    expect(row(1).getByText('Room')).toBeTruthy()
    expect(row(1).getByText('Oval Hall')).toBeTruthy()
    expect(table.textContent).not.toContain(golden)
    // A room that is gone: its short id.
    expect(row(2).getByText('…000gone1')).toBeTruthy()
    // A request by its delegations; its meeting by the title the trail tells.
    expect(row(3).getByRole('cell', { name: 'Scheduled' })).toBeTruthy()
    expect(row(3).getAllByText('China → Russia').length).toBeGreaterThan(0)
    expect(row(3).getByText('Meeting')).toBeTruthy()
    expect(row(3).getByText('Talks: China – Russia')).toBeTruthy()
    expect(row(4).getByRole('link', { name: 'China' })).toBeTruthy()
    expect(row(5).getByRole('cell', { name: 'Added' })).toBeTruthy()
    expect(row(5).queryByText('Akorda')).toBeNull() // a whole new record is not listed field by field

    // Participants, with the named members, on request of the data.
    const participants = entry(8, {
      before: { ...meeting, participants: [{ delegation_id: 'd-chn' }] },
      after: meeting,
    })
    cleanup()
    await leave()
    visitAs(organiser, '/audit', {
      'GET /api/v1/audit': { items: [participants] },
      'GET /api/v1/delegations': { items: [delegation('d-chn', 'CHN', 'China', 1), delegation('d-rus', 'RUS', 'Russia', 2)] },
      'GET /api/v1/venues': { items: [] },
      'GET /api/v1/rooms': { items: [] },
      'GET /api/v1/requests': { items: [] },
      'GET /api/v1/members': { items: [{ id: 'mem-wang', delegation_id: 'd-chn', full_name: 'Wang Yi' }] },
    })
    expect(await screen.findByText('China (Wang Yi); Russia')).toBeTruthy()
    expect(screen.getByText('Participants')).toBeTruthy()
  })
})
