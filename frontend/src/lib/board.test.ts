import { describe, expect, it } from 'vitest'
import type { Meeting } from '../api/types.ts'
import { room, venue } from '../test/fakeServer.ts'
import { ROOM_ROW, VENUE_ROW, buildRows, dayWindow, dragResult, layoutBlocks, rebaseChange, visibleRows } from './board.ts'

function meeting(id: string, starts_at: string, ends_at: string, extra: Partial<Meeting> = {}): Meeting {
  return {
    id,
    title: id,
    kind: 'bilateral',
    starts_at,
    ends_at,
    room_id: 'r1',
    status: 'confirmed',
    visibility: 'participants',
    languages: [],
    expected_attendance: 0,
    participants: [],
    allow: [],
    request_id: null,
    version: 1,
    created_at: starts_at,
    updated_at: starts_at,
    ...extra,
  }
}

describe('the board layout', () => {
  it('places blocks at their offsets in the summit’s time zone', () => {
    // Working hours 08:00–22:00 in Astana (UTC+5): the board starts at 07:00 local, 02:00Z.
    const w = dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', [])
    expect(w.startMin).toBe(7 * 60)
    expect(w.endMin).toBe(23 * 60)
    expect(w.start.toISOString()).toBe('2024-07-03T02:00:00.000Z')

    // Talks 12:00–13:15 Astana time = 07:00Z–08:15Z: 5 h after 07:00, 75 min long.
    const [b] = layoutBlocks([meeting('talks', '2024-07-03T07:00:00Z', '2024-07-03T08:15:00Z')], w, 2)
    expect(b?.left).toBe(5 * 60 * 2)
    expect(b?.width).toBe(75 * 2)
    expect(b?.lanes).toBe(1)
  })

  it('uses the zone’s own offset, not the browser’s', () => {
    const w = dayWindow('2024-07-03', 'Europe/Moscow', '08:00', '22:00', [])
    expect(w.start.toISOString()).toBe('2024-07-03T04:00:00.000Z') // 07:00 in Moscow (UTC+3)
  })

  it('widens the day to the meetings that fall outside working hours', () => {
    const early = meeting('early', '2024-07-03T00:30:00Z', '2024-07-03T01:00:00Z') // 05:30 local
    const w = dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', [early])
    expect(w.startMin).toBe(5 * 60)
  })

  it('stacks overlapping meetings in lanes and keeps back-to-back ones in one lane', () => {
    const w = dayWindow('2024-07-03', 'Asia/Almaty', '08:00', '22:00', [])
    const blocks = layoutBlocks(
      [
        meeting('a', '2024-07-03T05:00:00Z', '2024-07-03T06:00:00Z'),
        meeting('b', '2024-07-03T06:00:00Z', '2024-07-03T07:00:00Z'),
        meeting('c', '2024-07-03T05:30:00Z', '2024-07-03T06:30:00Z', { status: 'cancelled' }),
      ],
      w,
      1,
    )
    const lane = Object.fromEntries(blocks.map((b) => [b.meeting.id, b.lane]))
    expect(lane).toEqual({ a: 0, c: 1, b: 0 })
    expect(blocks.every((b) => b.lanes === 2)).toBe(true)
  })

  it('groups rooms by venue and renders only the rows in view, even with 60 rooms', () => {
    const venues = [venue('v2', 'Palace'), venue('v1', 'Akorda')]
    const rooms = Array.from({ length: 60 }, (_, i) => room(`r${i}`, i < 30 ? 'v1' : 'v2', `Room ${String(i).padStart(2, '0')}`))
    const rows = buildRows(venues, rooms)
    expect(rows).toHaveLength(62)
    expect(rows[0]).toMatchObject({ type: 'venue', top: 0 })
    expect(rows[0]?.type === 'venue' && rows[0].venue?.name).toBe('Akorda')
    expect(rows[1]).toMatchObject({ type: 'room', top: VENUE_ROW })
    const shown = visibleRows(rows, 1000, 500, 0)
    expect(shown.length).toBeLessThanOrEqual(Math.ceil(500 / ROOM_ROW) + 2)
    expect(shown[0]!.top).toBeLessThanOrEqual(1000)
    expect(buildRows(venues, rooms, { venueId: 'v2' })).toHaveLength(31)
  })
})

describe('dragging', () => {
  const m = meeting('m', '2024-07-03T07:00:00Z', '2024-07-03T07:45:00Z')
  it('moves by whole steps and keeps the length', () => {
    expect(dragResult(m, 'move', 22, 5)).toEqual({ starts_at: '2024-07-03T07:20:00Z', ends_at: '2024-07-03T08:05:00Z' })
    expect(dragResult(m, 'move', 22, 15)).toEqual({ starts_at: '2024-07-03T07:15:00Z', ends_at: '2024-07-03T08:00:00Z' })
  })
  it('resizes an edge but never below one step', () => {
    expect(dragResult(m, 'end', 31, 15)).toEqual({ starts_at: '2024-07-03T07:00:00Z', ends_at: '2024-07-03T08:15:00Z' })
    expect(dragResult(m, 'end', -120, 15)).toEqual({ starts_at: '2024-07-03T07:00:00Z', ends_at: '2024-07-03T07:15:00Z' })
    expect(dragResult(m, 'start', -10, 5)).toEqual({ starts_at: '2024-07-03T06:50:00Z', ends_at: '2024-07-03T07:45:00Z' })
  })
})

describe('rebaseChange', () => {
  it('moves each end of the newer copy by as much as the change moved the older one', () => {
    const older = { starts_at: '2024-07-03T07:00:00Z', ends_at: '2024-07-03T08:15:00Z' }
    const newer = { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' }
    expect(rebaseChange(older, newer, { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' })).toEqual({
      starts_at: '2024-07-03T07:10:00Z',
      ends_at: '2024-07-03T08:25:00Z',
    })
    // Only the end moved (Alt+Shift+→), and a room change is kept.
    expect(
      rebaseChange(older, newer, { starts_at: '2024-07-03T07:00:00Z', ends_at: '2024-07-03T08:30:00Z', room_id: 'r2' }),
    ).toEqual({ starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:35:00Z', room_id: 'r2' })
    // The same copy: nothing changes.
    const c = { starts_at: '2024-07-03T07:05:00Z', ends_at: '2024-07-03T08:20:00Z' }
    expect(rebaseChange(older, older, c)).toEqual(c)
  })
})
