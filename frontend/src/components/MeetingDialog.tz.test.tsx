// The dialog's times are the summit's (Astana, UTC+5) whatever zone the
// device is in: this file runs with the process in other time zones.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { MeetingWrite } from '../api/types.ts'
import { delegation, fakeServer, room, summit, venue } from '../test/fakeServer.ts'
import { renderWithProviders } from '../test/render.tsx'
import { toBody, type Form } from './MeetingDialog.tsx'
import { MeetingDialog } from './MeetingDialog.tsx'

const savedTZ = process.env.TZ

beforeAll(() => {
  process.env.TZ = 'America/New_York'
})
afterAll(() => {
  if (savedTZ === undefined) delete process.env.TZ
  else process.env.TZ = savedTZ
})
afterEach(cleanup)

const form: Form = {
  title: 'Talks',
  kind: 'bilateral',
  status: 'draft',
  visibility: 'participants',
  day: '2024-07-03',
  start: '10:00',
  end: '10:45',
  roomId: '',
  participants: [],
  languages: '',
  attendance: '0',
  allow: [],
}

describe('times in the meeting dialog', () => {
  it('runs in another zone than the summit’s (the test itself is sound)', () => {
    // New York in July is UTC−4; Astana is UTC+5 all year.
    expect(new Date(2024, 6, 3, 10, 0).getTimezoneOffset()).toBe(240)
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/New_York')
  })

  it('reads 10:00 in the summit’s zone as 05:00Z, whatever the device’s zone', () => {
    for (const tz of ['America/New_York', 'Pacific/Kiritimati', 'Asia/Kolkata', 'UTC', 'Europe/Berlin']) {
      process.env.TZ = tz
      const body = toBody(form, 'Asia/Almaty')
      expect(body.starts_at, tz).toBe('2024-07-03T05:00:00Z')
      expect(body.ends_at, tz).toBe('2024-07-03T05:45:00Z')
      // A meeting past midnight ends the next day.
      expect(toBody({ ...form, start: '23:30', end: '00:30' }, 'Asia/Almaty').ends_at, tz).toBe('2024-07-03T19:30:00Z')
    }
    process.env.TZ = 'America/New_York'
  })

  it('sends 10:00 typed in the dialog as 05:00Z, labels the zone and repeats the time on the device’s clock', async () => {
    const checks: MeetingWrite[] = []
    const posts: MeetingWrite[] = []
    fakeServer({
      'GET /api/v1/summit': summit,
      'GET /api/v1/rooms': { items: [room('r1', 'v1', 'Oval Hall')] },
      'GET /api/v1/venues': { items: [venue('v1', 'Akorda')] },
      'GET /api/v1/delegations': { items: [delegation('d-kaz', 'KAZ', 'Kazakhstan', 4)] },
      'POST /api/v1/meetings/check': ({ body }) => {
        checks.push(body as MeetingWrite)
        return { body: { conflicts: [], warnings: [] } }
      },
      'POST /api/v1/meetings': ({ body }) => {
        posts.push(body as MeetingWrite)
        return { status: 422, body: { type: 'x', title: 'Invalid', status: 422, detail: 'stop here' } }
      },
    })
    renderWithProviders(<MeetingDialog meeting={null} defaults={{ day: '2024-07-03', roomId: 'r1', minute: 8 * 60 }} onClose={vi.fn()} />)
    // The group of date and time fields names the summit's zone.
    expect(await screen.findByRole('group', { name: 'When — Astana time (UTC+5)' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Talks' } })
    fireEvent.change(screen.getByLabelText('Starts'), { target: { value: '10:00' } })
    fireEvent.change(screen.getByLabelText('Ends'), { target: { value: '10:45' } })
    expect(screen.getByLabelText('Day').getAttribute('lang')).toBe('en-GB')
    expect(screen.getByText('Wednesday, 3 July 2024')).toBeTruthy()
    // 10:00 in Astana is 01:00 in New York.
    expect(screen.getByText('On this device’s clock (America/New York): 3 Jul, 01:00–01:45.')).toBeTruthy()

    await waitFor(() => expect(checks.at(-1)?.starts_at).toBe('2024-07-03T05:00:00Z'), { timeout: 3000 })
    expect(checks.at(-1)?.ends_at).toBe('2024-07-03T05:45:00Z')
    fireEvent.click(screen.getByRole('button', { name: 'Book meeting' }))
    await waitFor(() => expect(posts).toHaveLength(1))
    expect(posts[0]?.starts_at).toBe('2024-07-03T05:00:00Z')
    expect(posts[0]?.ends_at).toBe('2024-07-03T05:45:00Z')
  })
})
