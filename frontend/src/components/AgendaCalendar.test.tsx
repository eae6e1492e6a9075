import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AgendaItem } from '../api/types.ts'
import { makeFormat } from '../lib/format.ts'
import { renderWithProviders } from '../test/render.tsx'
import { AgendaCalendar, layoutDay } from './AgendaCalendar.tsx'

afterEach(cleanup)

const zone = 'Asia/Almaty'

function item(id: string, starts: string, ends: string, extra: Partial<AgendaItem> = {}): AgendaItem {
  return {
    meeting_id: id,
    title: `Meeting ${id}`,
    kind: 'bilateral',
    status: 'confirmed',
    visibility: 'participants',
    starts_at: starts,
    ends_at: ends,
    room_id: 'r1',
    room_name: 'Oval Hall',
    venue_id: 'v1',
    venue_name: 'Akorda',
    version: 1,
    ...extra,
  }
}

describe('layoutDay', () => {
  it('places times in the summit zone and overlapping meetings side by side', () => {
    const placed = layoutDay(
      [
        item('b', '2024-07-04T05:30:00Z', '2024-07-04T06:30:00Z'), // 10:30–11:30 Astana
        item('a', '2024-07-04T05:00:00Z', '2024-07-04T06:00:00Z'), // 10:00–11:00
        item('c', '2024-07-04T06:00:00Z', '2024-07-04T06:30:00Z'), // 11:00–11:30, a's lane is free again
        item('d', '2024-07-04T09:00:00Z', '2024-07-04T10:00:00Z'), // 14:00, alone
      ],
      zone,
    )
    const by = Object.fromEntries(placed.map((p) => [p.item.meeting_id, p]))
    expect(by.a).toMatchObject({ start: 600, end: 660, lane: 0, lanes: 2 })
    expect(by.b).toMatchObject({ start: 630, end: 690, lane: 1, lanes: 2 })
    expect(by.c).toMatchObject({ start: 660, end: 690, lane: 0, lanes: 2 })
    expect(by.d).toMatchObject({ start: 840, end: 900, lane: 0, lanes: 1 })
  })

  it('ends a meeting that runs past midnight at 24:00', () => {
    const [p] = layoutDay([item('late', '2024-07-04T18:00:00Z', '2024-07-04T20:00:00Z')], zone) // 23:00–01:00
    expect(p).toMatchObject({ start: 23 * 60, end: 24 * 60 })
  })
})

describe('the agenda calendar', () => {
  it('shows each day as a list of its meetings with times, rooms and status, and free days as free', () => {
    const f = makeFormat('en-GB', zone, (o) => `Astana time (${o})`, '2024-07-03')
    const byDay = new Map([
      ['2024-07-04', [item('a', '2024-07-04T05:00:00Z', '2024-07-04T06:00:00Z', { status: 'draft', title: 'China – Russia' })]],
    ])
    renderWithProviders(<AgendaCalendar days={['2024-07-03', '2024-07-04']} byDay={byDay} from={8 * 60} to={20 * 60} f={f} />)
    const thursday = screen.getByRole('list', { name: /4 Jul/ })
    const entry = within(thursday).getByRole('listitem')
    expect(entry.textContent).toContain('10:00–11:00')
    expect(entry.textContent).toContain('China – Russia')
    expect(entry.textContent).toContain('Draft · Oval Hall, Akorda')
    // 10:00 is two hours after the first hour shown (08:00): 112 px at 56 px an hour.
    expect(entry.style.top).toBe('112px')
    expect(within(screen.getByRole('list', { name: /3 Jul/ })).getByRole('listitem').textContent).toBe('No meetings')
  })
})
