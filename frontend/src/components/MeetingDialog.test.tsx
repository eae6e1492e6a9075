import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CheckResult, MeetingWrite } from '../api/types.ts'
import { delegation, fakeServer, room, summit, venue } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import { MeetingDialog } from './MeetingDialog.tsx'

afterEach(cleanup)

const roomOverlap = {
  rule: 'room_overlap',
  message: 'Room Oval Hall is already booked for “Talks: Kazakhstan – Azerbaijan” from 11:00 to 11:45.',
  room_id: 'r1',
} as const
const capacity = { rule: 'room_capacity', message: 'Room Oval Hall seats 30; this meeting expects 100 people.', room_id: 'r1' } as const

function server() {
  const checks: MeetingWrite[] = []
  const posts: { body: MeetingWrite; key: string | null }[] = []
  const api = fakeServer({
    'GET /api/v1/summit': summit,
    'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall', { capacity: 30 })] },
    'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
    'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4), delegation('d-chn', 'CHN', 'China', 5)] },
    'POST /api/v1/meetings/check': ({ body }) => {
      const b = body as MeetingWrite
      checks.push(b)
      const result: CheckResult = {
        conflicts: b.allow?.includes('room_capacity') ? [roomOverlap] : [roomOverlap, capacity],
        warnings: b.allow?.includes('room_capacity') ? [capacity] : [],
      }
      return { body: result }
    },
    'POST /api/v1/meetings': ({ body, init }) => {
      posts.push({ body: body as MeetingWrite, key: new Headers(init.headers).get('Idempotency-Key') })
      return {
        status: 409,
        body: { type: 'x', title: 'Conflict', status: 409, detail: 'The meeting breaks 1 rule.', conflicts: [roomOverlap] },
      }
    },
  })
  return { ...api, checks, posts }
}

describe('the meeting dialog', () => {
  it('checks the meeting as the organiser types and explains each conflict, with overrides for the soft ones', async () => {
    const { checks, posts } = server()
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 11 * 60 }} onClose={vi.fn()} />)

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Talks: Kazakhstan – China' } })
    fireEvent.change(screen.getByLabelText('Expected attendance'), { target: { value: '100' } })

    const panel = await screen.findByRole('region', { name: /Rules/ })
    expect(await within(panel).findByText(roomOverlap.message, {}, { timeout: 3000 })).toBeTruthy()
    expect(within(panel).getByText('Room double-booked')).toBeTruthy()
    expect(within(panel).getByText('cannot be overridden')).toBeTruthy()
    expect(within(panel).getByText('Room too small')).toBeTruthy()
    expect(within(panel).getByText(capacity.message)).toBeTruthy()
    // Only the overridable rule offers a checkbox.
    const boxes = within(panel).getAllByRole('checkbox', { name: 'Override: book it anyway' })
    expect(boxes).toHaveLength(1)

    // The check ran with the times read in Astana time, debounced to one call per pause.
    const last = checks.at(-1)!
    expect(last.starts_at).toBe('2024-07-03T06:00:00Z')
    expect(last.ends_at).toBe('2024-07-03T06:45:00Z')
    expect(last.expected_attendance).toBe(100)
    expect(checks.length).toBeLessThanOrEqual(2)

    fireEvent.click(boxes[0]!)
    await waitFor(() => expect(checks.at(-1)?.allow).toEqual(['room_capacity']), { timeout: 3000 })

    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    expect(await screen.findByText(/Not saved: the rules above are broken/)).toBeTruthy()
    expect(posts).toHaveLength(1)
    expect(posts[0]?.body.allow).toEqual(['room_capacity'])
    expect(posts[0]?.key).toBeTruthy()

    // Retrying the same booking reuses the Idempotency-Key.
    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    await waitFor(() => expect(posts).toHaveLength(2))
    expect(posts[1]?.key).toBe(posts[0]?.key)
  })
})
